using Ledger.Data.Intake;
using Ledger.Data.Schema;
using Ledger.Intake.Returns;

namespace Ledger.Intake.Tests;

/// <summary>The returns manifest is opened in spreadsheets: text from senders must never become a formula there.</summary>
public class ReturnManifestInjectionTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"Click\")")]
    [InlineData("+1+cmd|' /C calc'!A0")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1:A2)")]
    public void A_sender_name_or_address_that_starts_like_a_formula_is_written_as_text(string hostile)
    {
        var item = new IntakeItemRow
        {
            FileId = 7, Sequence = 1, Reference = "MG-1", Kind = "moneygram", Outcome = "returned", ReasonCode = "unknown_person",
            Reason = "no such person", AmountCents = 100_00, ReturnedCents = 100_00, SenderName = hostile, SenderAddress = hostile,
        };
        var text = System.Text.Encoding.UTF8.GetString(ReturnManifest.ToBytes([new ReturnItem("moneygram", item, false, DateTimeOffset.UnixEpoch, 100_00, null)]));

        var cells = ParseCells(text.Split('\n')[1]);
        Assert.Equal("'" + hostile, cells[6]);
        Assert.Equal("'" + hostile, cells[7]);
        // Everything else is as it was: plain names and amounts are untouched.
        Assert.Equal(["7", "1", "moneygram", "MG-1", "returned", "false"], cells[..6]);
        Assert.Equal("100.00", cells[9]);
    }

    // RFC 4180 cells of one line.
    private static string[] ParseCells(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cell.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return [.. cells];
    }
}
