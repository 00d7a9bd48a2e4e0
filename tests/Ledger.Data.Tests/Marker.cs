namespace Ledger.Data.Tests;
