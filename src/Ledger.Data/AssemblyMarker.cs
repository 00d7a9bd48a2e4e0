namespace Ledger.Data;
