using Ledger.Data.Journal;
using Ledger.Testing;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Data.Tests;

/// <summary>
/// <see cref="CopyRowWriter"/> writes PostgreSQL's binary COPY format itself: every value it writes must read back as
/// written, and as Npgsql's own importer writes it (the journal and intake rows used to go through that importer).
/// </summary>
public class CopyRowWriterTests(TestDatabase db) : IClassFixture<TestDatabase>
{
    private const string Columns = "(n bigint, i integer, s smallint, b boolean, t text, c char(3), at timestamptz, j jsonb)";

    private sealed record Row(long? N, int I, short S, bool B, string? T, string C, DateTimeOffset At, string? J);

    private static List<Row> Rows()
    {
        var rows = new List<Row>
        {
            new(long.MinValue, int.MinValue, short.MinValue, false, "", "USD", DateTimeOffset.MinValue, "{}"),
            new(long.MaxValue, int.MaxValue, short.MaxValue, true, null, "EUR", DateTimeOffset.MaxValue, null),
            new(null, -1, -1, true, "Zoë Ñúñez, 李小龍 🙂 \"quoted\", tab\there", "USD",
                new DateTimeOffset(2026, 11, 23, 14, 5, 9, TimeSpan.FromHours(-5)).AddTicks(1_234_567), """{"name": "Zoë 🙂", "n": [1, 2]}"""),
            new(-123_456_789, 0, 0, false, "MoneyGram 12345678 from JANE DOE to 10000-001", "USD",
                new DateTimeOffset(1999, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999), """{"line": "7", "fee": "-0.01"}"""),
            new(0, 42, 7, true, new string('x', 200_000) + "é", "USD", new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.FromHours(14)), """{"k": null}"""),
        };
        // Enough rows to send the buffer many times over.
        for (var k = 0; k < 20_000; k++)
            rows.Add(new Row(-k * 1_000_003L, k + 1_000, (short)(k % 300 - 150), k % 3 == 0, k % 7 == 0 ? null : $"row {k} ü", "USD",
                new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(k % 25 - 12)).AddTicks(k * 7_919L), k % 5 == 0 ? null : $$"""{"k": {{k}}}"""));
        return rows;
    }

    [Fact]
    public async Task Rows_written_read_back_exactly_as_written_and_as_Npgsqls_importer_writes_them()
    {
        await db.ExecuteAsync($"CREATE TABLE copy_mine {Columns}; CREATE TABLE copy_npgsql {Columns}");
        var rows = Rows();
        await using var conn = await db.Db.OpenConnectionAsync();

        await using (var copy = await CopyRowWriter.BeginAsync(conn, "COPY copy_mine (n, i, s, b, t, c, at, j) FROM STDIN (FORMAT BINARY)", default))
        {
            foreach (var r in rows)
            {
                await copy.StartRowAsync(8, default);
                copy.WriteInt64(r.N);
                copy.WriteInt32(r.I);
                copy.WriteInt16(r.S);
                copy.WriteBoolean(r.B);
                copy.WriteText(r.T);
                copy.WriteText(r.C);
                copy.WriteTimestampTz(r.At);
                copy.WriteJsonb(r.J);
            }
            await copy.CompleteAsync(default);
        }
        await using (var copy = await conn.BeginBinaryImportAsync("COPY copy_npgsql (n, i, s, b, t, c, at, j) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var r in rows)
            {
                copy.StartRow();
                if (r.N is { } n) copy.Write(n, NpgsqlDbType.Bigint);
                else copy.WriteNull();
                copy.Write(r.I, NpgsqlDbType.Integer);
                copy.Write(r.S, NpgsqlDbType.Smallint);
                copy.Write(r.B, NpgsqlDbType.Boolean);
                if (r.T is { } t) copy.Write(t, NpgsqlDbType.Text);
                else copy.WriteNull();
                copy.Write(r.C, NpgsqlDbType.Char);
                copy.Write(r.At.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                if (r.J is { } j) copy.Write(j, NpgsqlDbType.Jsonb);
                else copy.WriteNull();
            }
            await copy.CompleteAsync();
        }

        // Read back in the order written (COPY into a fresh heap keeps it; i is unique per row and orders them).
        var mine = await ReadAsync(conn, "copy_mine");
        Assert.Equal(rows.Count, mine.Count);
        for (var k = 0; k < rows.Count; k++)
        {
            var (w, r) = (rows[k], mine[k]);
            Assert.Equal(w.N, r.N);
            Assert.Equal(w.I, r.I);
            Assert.Equal(w.S, r.S);
            Assert.Equal(w.B, r.B);
            Assert.Equal(w.T, r.T);
            Assert.Equal(w.C, r.C);
            // PostgreSQL keeps microseconds from 2000-01-01: the ticks below one are cut off toward that instant (as Npgsql
            // cuts them); the extremes are -infinity and infinity.
            const long epoch = 630_822_816_000_000_000;
            var expected = w.At == DateTimeOffset.MinValue || w.At == DateTimeOffset.MaxValue ? w.At.UtcTicks : (w.At.UtcTicks - epoch) / 10 * 10 + epoch;
            Assert.Equal(expected, r.At.UtcTicks);
            Assert.Equal(w.J is null ? null : await NormalizedJsonAsync(conn, w.J), r.J);
        }

        await using var differ = new NpgsqlCommand("""
            SELECT count(*) FROM copy_mine m FULL JOIN copy_npgsql o ON m.i = o.i
            WHERE m.i IS NULL OR o.i IS NULL OR (m.n, m.s, m.b, m.t, m.c, m.at, m.j::text) IS DISTINCT FROM (o.n, o.s, o.b, o.t, o.c, o.at, o.j::text)
            """, conn);
        Assert.Equal(0L, (long)(await differ.ExecuteScalarAsync())!);
        Assert.Equal("-infinity", await ScalarTextAsync(conn, $"SELECT at::text FROM copy_mine WHERE i = {int.MinValue}"));
        Assert.Equal("infinity", await ScalarTextAsync(conn, $"SELECT at::text FROM copy_mine WHERE i = {int.MaxValue}"));
    }

    [Fact]
    public async Task A_copy_left_without_completing_writes_nothing()
    {
        await db.ExecuteAsync("CREATE TABLE copy_cancelled (n bigint, t text)");
        await using var conn = await db.Db.OpenConnectionAsync();
        await using (var copy = await CopyRowWriter.BeginAsync(conn, "COPY copy_cancelled (n, t) FROM STDIN (FORMAT BINARY)", default))
        {
            for (var k = 0; k < 50_000; k++)
            {
                await copy.StartRowAsync(2, default);
                copy.WriteInt64(k);
                copy.WriteText("never committed");
            }
        }
        // The connection is usable afterwards and the table is empty.
        Assert.Equal("0", await ScalarTextAsync(conn, "SELECT count(*)::text FROM copy_cancelled"));
    }

    private static async Task<List<Row>> ReadAsync(NpgsqlConnection conn, string table)
    {
        var rows = new List<Row>();
        await using var cmd = new NpgsqlCommand($"SELECT n, i, s, b, t, c, at, j::text FROM {table} ORDER BY i", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(new Row(reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.GetInt32(1), reader.GetInt16(2), reader.GetBoolean(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        // ORDER BY i sorts the two extreme rows first and last: put them back in the written order.
        var max = rows.Single(r => r.I == int.MaxValue);
        rows.Remove(max);
        rows.Insert(1, max);
        return rows;
    }

    private static async Task<string> NormalizedJsonAsync(NpgsqlConnection conn, string json)
    {
        await using var cmd = new NpgsqlCommand("SELECT @j::jsonb::text", conn);
        cmd.Parameters.AddWithValue("j", json);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    private static async Task<string> ScalarTextAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}
