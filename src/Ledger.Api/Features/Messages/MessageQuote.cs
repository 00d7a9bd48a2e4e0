using Ledger.Api.Auth;
using Ledger.Api.Infrastructure;
using Mediator;

namespace Ledger.Api.Features.Messages;

/// <summary>What a message would cost before it is sent: the same <see cref="Stamps"/> rule and stamp price the send path charges.</summary>
public sealed record MessageQuoteView(string FacilityCode, int Characters, int Stamps, long StampPriceCents, long TotalCents, int CharactersPerStamp, int MaxCharacters);

public sealed record MessageQuoteQuery(Actor Actor, string? Facility, string? Text, int? Characters) : IQuery<Result<MessageQuoteView>>;

public sealed class MessageQuoteHandler(LedgerDirectory directory) : IQueryHandler<MessageQuoteQuery, Result<MessageQuoteView>>
{
    public async ValueTask<Result<MessageQuoteView>> Handle(MessageQuoteQuery query, CancellationToken ct)
    {
        var code = (query.Facility ?? "").Trim().ToUpperInvariant();
        if (query.Actor.IsResident && query.Actor.Facilities.Count > 0 && !query.Actor.Facilities.Contains(code))
            code = query.Actor.Facilities.First(); // a resident writes from their own facility
        var facility = await directory.FacilityAsync(code, ct);
        if (facility is null) return Problems.NotFound($"No facility '{code}'.");
        if (query.Text is not null && query.Characters is not null) return Problems.BadRequest("text-or-characters", "Give text or characters, not both.");
        var characters = query.Text is not null ? Stamps.Characters(query.Text) : query.Characters ?? -1;
        if (characters is < 1) return Problems.Invalid("empty-message", "Give the message text (text) or its length in characters (characters, at least 1).");
        if (characters > Stamps.MaxCharacters) return Problems.Invalid("message-too-long", $"A message has at most {Stamps.MaxCharacters} characters.");
        var stamps = Stamps.For(characters);
        var price = facility.Policy.StampPrice.MinorUnits;
        return new MessageQuoteView(facility.Code, characters, stamps, price, stamps * price, Stamps.CharactersPerStamp, Stamps.MaxCharacters);
    }
}
