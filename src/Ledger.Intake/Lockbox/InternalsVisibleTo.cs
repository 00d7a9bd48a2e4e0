using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Ledger.Lockbox.Tests")]
