using Ledger.Domain;
using Ledger.Domain.Facilities;
using Ledger.Domain.People;
using Ledger.Domain.Policies;
using Npgsql;

namespace Ledger.Data.ReferenceData;

/// <summary>Reads facilities with their policies, and people, as the domain sees them.</summary>
public sealed class FacilityDirectory(NpgsqlDataSource db)
{
    public async Task<IReadOnlyDictionary<string, Facility>> FacilitiesAsync(CancellationToken ct = default)
    {
        var tiers = new List<(string Facility, FeeTier Tier)>();
        await using (var cmd = db.CreateCommand("SELECT facility_code, channel, from_cents, to_cents, fee_cents FROM fee_tiers ORDER BY facility_code, channel, from_cents"))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                DepositChannels.TryParse(reader.GetString(1), out var channel);
                tiers.Add((reader.GetString(0), new FeeTier(channel, Money.Usd(reader.GetInt64(2)), Money.Usd(reader.GetInt64(3)), Money.Usd(reader.GetInt64(4)))));
            }
        }

        var result = new Dictionary<string, Facility>(StringComparer.Ordinal);
        await using (var cmd = db.CreateCommand("""
            SELECT code, name, state, currency, deposit_limit_cents, money_order_hold_days, restitution_basis_points,
                   stamp_price_cents, email_delivery_from_hour, email_delivery_to_hour FROM facilities
            """))
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                var code = reader.GetString(0);
                var currency = Currency.FromCode(reader.GetString(3).TrimEnd());
                var policy = new FacilityPolicy(new Money(reader.GetInt64(4), currency), reader.GetInt32(5), reader.GetInt32(6),
                    new Money(reader.GetInt64(7), currency), reader.GetInt32(8), reader.GetInt32(9),
                    new FeeSchedule(tiers.Where(t => t.Facility == code).Select(t => t.Tier).ToArray()));
                result[code] = new Facility(code, reader.GetString(1), reader.GetString(2), policy);
            }
        }
        return result;
    }

    public async Task<Person?> FindPersonAsync(string personNumber, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand(
            "SELECT person_number, facility_code, last_name, first_name, status, restitution_owed_cents FROM people WHERE person_number = @n");
        cmd.Parameters.AddWithValue("n", personNumber);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadPerson(reader) : null;
    }

    /// <summary>Everyone on the rosters, keyed by person number (intake matches against this in memory).</summary>
    public async Task<IReadOnlyDictionary<string, Person>> PeopleAsync(CancellationToken ct = default)
    {
        var result = new Dictionary<string, Person>(StringComparer.Ordinal);
        await using var cmd = db.CreateCommand("SELECT person_number, facility_code, last_name, first_name, status, restitution_owed_cents FROM people");
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var person = ReadPerson(reader);
            result[person.PersonNumber] = person;
        }
        return result;
    }

    private static Person ReadPerson(NpgsqlDataReader reader)
    {
        Person.TryParseStatus(reader.GetString(4), out var status);
        return new Person(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), status, Money.Usd(reader.GetInt64(5)));
    }
}
