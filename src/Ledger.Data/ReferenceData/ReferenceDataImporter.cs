using Ledger.Domain;
using Ledger.Domain.People;
using Ledger.Domain.Policies;
using Npgsql;

namespace Ledger.Data.ReferenceData;

public sealed record ImportSummary(int Rows, int Inserted, int Updated, int Unchanged);

/// <summary>
/// Loads the files agencies send: facilities with their policy, fee tiers, and the nightly roster.
/// Each file is checked whole before anything is written, and written in one statement.
/// Loading again updates; nothing is ever deleted.
/// </summary>
public sealed class ReferenceDataImporter(NpgsqlDataSource db)
{
    private static readonly Currency Usd = Currency.USD;

    public async Task<ImportSummary> ImportFacilitiesAsync(TextReader reader, string name, CancellationToken ct = default)
    {
        var rows = new List<(string Code, string Name, string State, long Limit, int Hold, int Bps, long Stamp, int From, int To)>();
        using (var csv = new StrictCsv(reader, name, ["facility_code", "name", "state", "deposit_limit", "money_order_hold_days", "restitution_percent", "stamp_price", "email_delivery_hours"]))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (csv.Read())
            {
                var code = csv.Text("facility_code");
                if (!seen.Add(code)) throw csv.Error("facility_code", $"'{code}' appears twice.");
                var hours = csv.Text("email_delivery_hours");
                var parts = hours.Split('-');
                if (parts.Length != 2 || !int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var from)
                    || !int.TryParse(parts[1], System.Globalization.CultureInfo.InvariantCulture, out var to) || from < 0 || to > 24 || from >= to)
                    throw csv.Error("email_delivery_hours", $"'{hours}' is not a window like 08-20.");
                var limit = csv.Amount("deposit_limit", Usd);
                if (!limit.IsPositive) throw csv.Error("deposit_limit", "must be more than 0.00.");
                rows.Add((code, csv.Text("name"), csv.Text("state"), limit.MinorUnits, csv.Integer("money_order_hold_days", 0, 365),
                    csv.PercentAsBasisPoints("restitution_percent"), csv.Amount("stamp_price", Usd).MinorUnits, from, to));
            }
        }

        await using var cmd = db.CreateCommand("""
            INSERT INTO facilities AS f (code, name, state, currency, deposit_limit_cents, money_order_hold_days, restitution_basis_points,
                                    stamp_price_cents, email_delivery_from_hour, email_delivery_to_hour, updated_at)
            SELECT code, name, state, 'USD', lim, hold, bps, stamp, dfrom, dto, now()
            FROM unnest(@codes, @names, @states, @limits, @holds, @bps, @stamps, @froms, @tos)
                AS r(code, name, state, lim, hold, bps, stamp, dfrom, dto)
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, state = excluded.state,
                deposit_limit_cents = excluded.deposit_limit_cents, money_order_hold_days = excluded.money_order_hold_days,
                restitution_basis_points = excluded.restitution_basis_points, stamp_price_cents = excluded.stamp_price_cents,
                email_delivery_from_hour = excluded.email_delivery_from_hour, email_delivery_to_hour = excluded.email_delivery_to_hour,
                updated_at = now()
            WHERE (f.name, f.state, f.deposit_limit_cents, f.money_order_hold_days, f.restitution_basis_points, f.stamp_price_cents,
                   f.email_delivery_from_hour, f.email_delivery_to_hour)
                IS DISTINCT FROM (excluded.name, excluded.state, excluded.deposit_limit_cents, excluded.money_order_hold_days,
                   excluded.restitution_basis_points, excluded.stamp_price_cents, excluded.email_delivery_from_hour, excluded.email_delivery_to_hour)
            RETURNING (xmax = 0) AS inserted
            """);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("codes", rows.Select(r => r.Code).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("names", rows.Select(r => r.Name).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("states", rows.Select(r => r.State).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("limits", rows.Select(r => r.Limit).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("holds", rows.Select(r => r.Hold).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("bps", rows.Select(r => r.Bps).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("stamps", rows.Select(r => r.Stamp).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("froms", rows.Select(r => r.From).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<int[]>("tos", rows.Select(r => r.To).ToArray()));
        return await SummarizeUpsertAsync(cmd, rows.Count, ct);
    }

    /// <summary>Fee tiers per facility and channel; a facility's tiers in the file replace its earlier tiers.</summary>
    public async Task<ImportSummary> ImportFeesAsync(TextReader reader, string name, CancellationToken ct = default)
    {
        var rows = new List<(string Facility, string Channel, long From, long To, long Fee)>();
        using (var csv = new StrictCsv(reader, name, ["facility_code", "channel", "from_amount", "to_amount", "fee"]))
        {
            while (csv.Read())
            {
                var channel = csv.Text("channel");
                if (!DepositChannels.TryParse(channel, out _))
                    throw csv.Error("channel", $"'{channel}' is not one of moneygram, money_order, phone, online, mobile.");
                var from = csv.Amount("from_amount", Usd);
                var to = csv.Amount("to_amount", Usd);
                if (to < from) throw csv.Error("to_amount", "is below from_amount.");
                rows.Add((csv.Text("facility_code"), channel, from.MinorUnits, to.MinorUnits, csv.Amount("fee", Usd).MinorUnits));
            }
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await EnsureFacilitiesExistAsync(conn, tx, name, rows.Select(r => r.Facility), ct);
        await using (var delete = new NpgsqlCommand("DELETE FROM fee_tiers WHERE facility_code = ANY(@f)", conn, tx))
        {
            delete.Parameters.Add(new NpgsqlParameter<string[]>("f", rows.Select(r => r.Facility).Distinct().ToArray()));
            await delete.ExecuteNonQueryAsync(ct);
        }
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO fee_tiers (facility_code, channel, from_cents, to_cents, fee_cents)
            SELECT * FROM unnest(@f, @c, @from, @to, @fee)
            """, conn, tx))
        {
            insert.Parameters.Add(new NpgsqlParameter<string[]>("f", rows.Select(r => r.Facility).ToArray()));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("c", rows.Select(r => r.Channel).ToArray()));
            insert.Parameters.Add(new NpgsqlParameter<long[]>("from", rows.Select(r => r.From).ToArray()));
            insert.Parameters.Add(new NpgsqlParameter<long[]>("to", rows.Select(r => r.To).ToArray()));
            insert.Parameters.Add(new NpgsqlParameter<long[]>("fee", rows.Select(r => r.Fee).ToArray()));
            await insert.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return new ImportSummary(rows.Count, rows.Count, 0, 0);
    }

    /// <summary>
    /// The nightly roster. People are matched by person number. A 'transferred' row from a facility the
    /// person has already left does not move them back. People missing from the file are kept.
    /// </summary>
    public async Task<ImportSummary> ImportRosterAsync(TextReader reader, string name, CancellationToken ct = default)
    {
        var rows = new List<(string Facility, string Number, string Last, string First, string Status, long Owed)>();
        using (var csv = new StrictCsv(reader, name, ["facility_code", "person_number", "last_name", "first_name", "status", "restitution_owed"]))
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            while (csv.Read())
            {
                var number = csv.Text("person_number").ToUpperInvariant();
                if (!PersonNumber.IsWellFormed(number)) throw csv.Error("person_number", $"'{number}' is not a person number (letters, digits and '-').");
                var status = csv.Text("status");
                if (!Person.TryParseStatus(status, out var parsed)) throw csv.Error("status", $"'{status}' is not in_custody, released or transferred.");
                var row = (csv.Text("facility_code"), number, csv.Text("last_name").ToUpperInvariant(), csv.Text("first_name").ToUpperInvariant(),
                    status, csv.Amount("restitution_owed", Usd).MinorUnits);
                if (seen.TryGetValue(number, out var earlier))
                {
                    // The same person listed twice (e.g. a transfer mid-export): the in-custody row wins.
                    if (parsed == PersonStatus.InCustody) rows[earlier] = row;
                    continue;
                }
                seen[number] = rows.Count;
                rows.Add(row);
            }
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await EnsureFacilitiesExistAsync(conn, tx, name, rows.Select(r => r.Facility), ct);
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO people AS p (person_number, facility_code, last_name, first_name, status, restitution_owed_cents, updated_at)
            SELECT num, fac, last, first, status, owed, now()
            FROM unnest(@numbers, @facilities, @lasts, @firsts, @statuses, @owed) AS r(num, fac, last, first, status, owed)
            ON CONFLICT (person_number) DO UPDATE SET facility_code = excluded.facility_code, last_name = excluded.last_name,
                first_name = excluded.first_name, status = excluded.status, restitution_owed_cents = excluded.restitution_owed_cents,
                updated_at = now()
            WHERE NOT (excluded.status = 'transferred' AND p.facility_code <> excluded.facility_code)
              AND (p.facility_code, p.last_name, p.first_name, p.status, p.restitution_owed_cents)
                  IS DISTINCT FROM (excluded.facility_code, excluded.last_name, excluded.first_name, excluded.status, excluded.restitution_owed_cents)
            RETURNING (xmax = 0) AS inserted
            """, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("numbers", rows.Select(r => r.Number).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("facilities", rows.Select(r => r.Facility).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("lasts", rows.Select(r => r.Last).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("firsts", rows.Select(r => r.First).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("statuses", rows.Select(r => r.Status).ToArray()));
        cmd.Parameters.Add(new NpgsqlParameter<long[]>("owed", rows.Select(r => r.Owed).ToArray()));
        var summary = await SummarizeUpsertAsync(cmd, rows.Count, ct);
        await tx.CommitAsync(ct);
        return summary;
    }

    private static async Task EnsureFacilitiesExistAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string file, IEnumerable<string> codes, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT c FROM unnest(@codes) AS c WHERE c NOT IN (SELECT code FROM facilities)", conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter<string[]>("codes", codes.Distinct().ToArray()));
        var unknown = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct)) unknown.Add(reader.GetString(0));
        }
        if (unknown.Count > 0)
            throw new CsvInputException(file, 0, "facility_code", $"unknown facility code(s) {string.Join(", ", unknown)}: import facilities.csv first.");
    }

    private static async Task<ImportSummary> SummarizeUpsertAsync(NpgsqlCommand cmd, int rows, CancellationToken ct)
    {
        int inserted = 0, updated = 0;
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (reader.GetBoolean(0)) inserted++;
            else updated++;
        }
        return new ImportSummary(rows, inserted, updated, rows - inserted - updated);
    }
}
