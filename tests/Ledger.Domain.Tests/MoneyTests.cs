namespace Ledger.Domain.Tests; public class Placeholder { [Fact] public void Money_adds() => Assert.Equal(Ledger.Domain.Money.Usd(3), Ledger.Domain.Money.Usd(1) + Ledger.Domain.Money.Usd(2)); }
