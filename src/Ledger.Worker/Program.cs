
var builder = Host.CreateApplicationBuilder(args);
builder.Build().Run();
