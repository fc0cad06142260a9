using System.Globalization;
using NodaTime;
using NodaTime.Text;
using ResponseBot.Application.Audit;
using ResponseBot.Application.Records;
using ResponseBot.Host.Composition;

namespace ResponseBot.Host.Cli;

/// <summary>
/// <c>audit verify</c>: walks the decision log's hash chain, prints OK with the row count and head, or names the first
/// broken row and exits 1. <c>audit export --from DATE --to DATE [--account ID] [--format csv|json] [--out FILE]</c>: every
/// case received in the range (dates in the organisation's zone, --to inclusive) in the records export's stable shape.
/// </summary>
public static class AuditCommand
{
    public const string Usage = "usage: audit verify\n" +
                                "       audit export --from <date> --to <date> [--account <id>] [--format csv|json] [--out <file>]";

    public static async Task<int?> TryRunAsync(string[] args, TextWriter output, TextWriter errors, Action<WebApplicationBuilder>? configure = null)
    {
        if (args is not ["audit", .. var rest]) return null;
        if (rest is ["verify", .. var config]) return await VerifyAsync(config, output, errors, configure);
        if (rest is not ["export", .. var exportArgs]) return Fail(errors, Usage);
        var o = CliOptions.Parse(exportArgs, "--from", "--to", "--account", "--format", "--out");
        var dates = LocalDatePattern.Iso;
        if (o.Error is not null || o["--from"] is not { } fromText || o["--to"] is not { } toText
            || !dates.Parse(fromText).Success || !dates.Parse(toText).Success || o["--format"] is not (null or "csv" or "json"))
            return Fail(errors, o.Error ?? Usage);
        var (fromDay, toDay) = (dates.Parse(fromText).Value, dates.Parse(toText).Value);
        if (toDay < fromDay || Period.Between(fromDay, toDay, PeriodUnits.Days).Days >= ExportRecords.LongestRangeDays)
            return Fail(errors, $"--to must be on or after --from, and the range at most {ExportRecords.LongestRangeDays} days");

        await using var app = ResponseBotApp.Build(o.Rest, configure);
        await app.MigrateDatabaseAsync();
        var zone = app.Services.GetRequiredService<Domain.Rota.RotaConfig>().Zone;
        if (o["--account"] is { } account && app.Services.GetRequiredService<Application.Ports.IAccountDirectory>().Find(account) is null)
            return Fail(errors, $"no account '{account}' is configured");
        using var scope = app.Services.CreateScope();
        var export = scope.ServiceProvider.GetRequiredService<ExportRecords>();
        var text = await export.RangeAsync(zone.AtStartOfDay(fromDay).ToInstant(), zone.AtStartOfDay(toDay.PlusDays(1)).ToInstant(), o["--account"],
            o["--format"] == "csv" ? ExportFormat.Csv : ExportFormat.Json, CancellationToken.None);
        await o.WriteAsync(text, output);
        return 0;
    }

    private static async Task<int> VerifyAsync(string[] config, TextWriter output, TextWriter errors, Action<WebApplicationBuilder>? configure)
    {
        await using var app = ResponseBotApp.Build(config, configure);
        await app.MigrateDatabaseAsync();
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<VerifyDecisionLog>().CheckAsync(CancellationToken.None);
        if (result.Break is { } broken)
        {
            errors.WriteLine($"BROKEN: {VerifyDecisionLog.Describe(broken)}. {result.Rows.ToString(CultureInfo.InvariantCulture)} rows before it verified.");
            return 1;
        }
        output.WriteLine($"OK: {result.Rows.ToString(CultureInfo.InvariantCulture)} rows verified" +
            (result.HeadHash is { } head ? $", head at place {result.HeadSeq} is {Convert.ToHexStringLower(head)}" : ""));
        return 0;
    }

    private static int Fail(TextWriter errors, string message)
    {
        errors.WriteLine(message);
        return 2;
    }
}
