using System.Text;
using Ledger.Domain.People;

namespace Ledger.Intake.People;

public enum MatchFailure
{
    None,
    /// <summary>No person on any roster has that number.</summary>
    UnknownPerson,
    /// <summary>The number exists but the name given is not that person's.</summary>
    NameMismatch,
    /// <summary>The account string has no number in it at all.</summary>
    Unreadable,
}

public readonly record struct PersonMatch(Person? Person, MatchFailure Failure, string? NumberGiven);

/// <summary>
/// Finds the person a deposit names. Parsing is lenient (spaces, punctuation, letter case are ignored:
/// "12345678DOE", "12345-678 Doe", "12345678 o'brien"); matching is strict: the number must exist and
/// the last name must be exactly that person's (compared on letters only).
/// </summary>
public sealed class PersonMatcher
{
    private readonly Dictionary<string, Person> _byNumber = new(StringComparer.Ordinal);
    private readonly int _longestNumber;

    public PersonMatcher(IEnumerable<Person> people)
    {
        foreach (var person in people)
        {
            var key = Normalize(person.PersonNumber);
            _byNumber[key] = person;
            _longestNumber = Math.Max(_longestNumber, key.Length);
        }
    }

    /// <summary>Everyone on the roster.</summary>
    public IEnumerable<Person> People => _byNumber.Values;

    /// <summary>A MoneyGram account field: number (digits, maybe with agency letters) followed by a last name.</summary>
    public PersonMatch MatchAccountString(string account)
    {
        var text = Normalize(account);
        var lastDigit = text.LastIndexOfAny("0123456789".ToCharArray());
        if (lastDigit < 0) return new PersonMatch(null, MatchFailure.Unreadable, null);

        // The number is the prefix up to the last digit; an agency's number may hold letters too,
        // so also try the longest known number that the string starts with.
        var number = text[..(lastDigit + 1)];
        var name = text[(lastDigit + 1)..];
        if (!_byNumber.ContainsKey(number))
        {
            for (var length = Math.Min(_longestNumber, text.Length); length > 0; length--)
            {
                if (_byNumber.ContainsKey(text[..length]))
                {
                    number = text[..length];
                    name = text[length..];
                    break;
                }
            }
        }
        return MatchNormalized(number, name);
    }

    /// <summary>A person number and last name given separately (a deposit slip, the API).</summary>
    public PersonMatch Match(string personNumber, string lastName) => MatchNormalized(Normalize(personNumber), Normalize(lastName), raw: personNumber);

    private PersonMatch MatchNormalized(string number, string name, string? raw = null)
    {
        var shown = raw ?? (number.Length == 8 && number.All(char.IsAsciiDigit) ? $"{number[..5]}-{number[5..]}" : number);
        if (!_byNumber.TryGetValue(number, out var person)) return new PersonMatch(null, MatchFailure.UnknownPerson, shown);
        return Normalize(person.LastName) == name
            ? new PersonMatch(person, MatchFailure.None, person.PersonNumber)
            : new PersonMatch(person, MatchFailure.NameMismatch, person.PersonNumber);
    }

    /// <summary>Upper-case letters and digits only.</summary>
    public static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsAsciiLetterOrDigit(c)) sb.Append(char.ToUpperInvariant(c));
        }
        return sb.ToString();
    }
}
