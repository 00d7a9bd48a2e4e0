using Ledger.Api.Auth;
using Ledger.Api.Infrastructure;
using Ledger.Data.Statements;
using Mediator;

namespace Ledger.Api.Features.Statements;

/// <summary>An export that may start: the facility exists, the caller serves it, the period and formats are valid.</summary>
public sealed record StatementsExport(string FacilityCode, StatementPeriod Period, StatementFormats Formats)
{
    public string FileName => $"statements-{FacilityCode}-{Period.Slug}.zip";
}

public sealed record PrepareStatementsExportQuery(Actor Actor, string FacilityCode, string? From, string? To, string? Format) : IQuery<Result<StatementsExport>>;

public sealed record GetTrialBalanceQuery(Actor Actor, string FacilityCode, string? From, string? To) : IQuery<Result<TrialBalance>>;

/// <summary>
/// Accountants read the statements and trial balance of the facilities they serve; operations read any facility's.
/// Everything is checked before a byte of the zip is sent, because a streamed response cannot change its status later.
/// </summary>
public sealed class FacilityStatementHandlers(FacilityStatements statements)
    : IQueryHandler<PrepareStatementsExportQuery, Result<StatementsExport>>, IQueryHandler<GetTrialBalanceQuery, Result<TrialBalance>>
{
    public async ValueTask<Result<StatementsExport>> Handle(PrepareStatementsExportQuery query, CancellationToken ct)
    {
        StatementFormats formats;
        try
        {
            formats = StatementFormatNames.Parse(query.Format);
        }
        catch (StatementInputException e)
        {
            return Problems.Invalid("invalid-format", e.Message);
        }
        var checkedRequest = await CheckAsync(query.Actor, query.FacilityCode, query.From, query.To, ct);
        if (!checkedRequest.IsSuccess) return checkedRequest.Problem!;
        var (code, period) = checkedRequest.Value;
        return new StatementsExport(code, period, formats);
    }

    public async ValueTask<Result<TrialBalance>> Handle(GetTrialBalanceQuery query, CancellationToken ct)
    {
        var checkedRequest = await CheckAsync(query.Actor, query.FacilityCode, query.From, query.To, ct);
        if (!checkedRequest.IsSuccess) return checkedRequest.Problem!;
        var (code, period) = checkedRequest.Value;
        return await statements.TrialBalanceAsync(code, period, ct);
    }

    private async Task<Result<(string Code, StatementPeriod Period)>> CheckAsync(Actor actor, string facilityCode, string? from, string? to, CancellationToken ct)
    {
        var code = facilityCode.Trim().ToUpperInvariant();
        if (!actor.ServesFacility(code)) return Problems.Forbidden($"You do not serve facility {code}.");
        StatementPeriod period;
        try
        {
            period = StatementPeriod.Parse(from, to);
        }
        catch (StatementInputException e)
        {
            return Problems.Invalid("invalid-period", e.Message + " Periods are whole UTC days, both ends included.");
        }
        try
        {
            var (stored, _) = await statements.FacilityAsync(code, ct);
            return (stored, period);
        }
        catch (UnknownFacilityException)
        {
            return Problems.NotFound($"No facility {code}.");
        }
    }
}
