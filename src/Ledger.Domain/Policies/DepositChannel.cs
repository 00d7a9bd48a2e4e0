namespace Ledger.Domain.Policies;

public enum DepositChannel
{
    MoneyGram,
    MoneyOrder,
    Phone,
    Online,
    Mobile,
}

public static class DepositChannels
{
    public static string ToCode(this DepositChannel channel) => channel switch
    {
        DepositChannel.MoneyGram => "moneygram",
        DepositChannel.MoneyOrder => "money_order",
        DepositChannel.Phone => "phone",
        DepositChannel.Online => "online",
        DepositChannel.Mobile => "mobile",
        _ => throw new DomainException($"Unknown channel {channel}."),
    };

    public static bool TryParse(string code, out DepositChannel channel)
    {
        foreach (var c in Enum.GetValues<DepositChannel>())
        {
            if (c.ToCode() == code) { channel = c; return true; }
        }
        channel = default;
        return false;
    }
}
