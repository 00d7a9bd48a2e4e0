namespace Ledger.Intake;
