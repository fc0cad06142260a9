using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using ResponseBot.Application.Rota;
using ResponseBot.Domain.Rota;
using ResponseBot.Host.Composition;
using ResponseBot.Host.Organisation;

namespace ResponseBot.Host.Cli;

/// <summary>
/// Admin CLI on the host binary, for coordinators' scripts and tests, reading the real configuration and database:
/// <c>rota who --at &lt;ISO time&gt; [--format json|table]</c> and
/// <c>rota shifts --from &lt;date&gt; --to &lt;date&gt; [--format json|table]</c>.
/// </summary>
public static class RotaCommand
{
    public const string Usage = "usage: rota who --at <ISO time> [--format json|table]\n" +
                                "       rota shifts --from <date> --to <date> [--format json|table]";

    public static async Task<int?> TryRunAsync(string[] args, TextWriter output, TextWriter errors, Action<WebApplicationBuilder>? configure = null)
    {
        if (args is not ["rota", var verb, .. var rest]) return args is ["rota"] ? Fail(errors, Usage) : null;
        var options = Options(rest);
        if (options is null || verb is not ("who" or "shifts")) return Fail(errors, Usage);

        // Same configuration and database as the bot, without starting it.
        await using var app = ResponseBotApp.Build(rest.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && !options.ContainsValue(a)).ToArray(), configure);
        await app.MigrateDatabaseAsync();
        if (app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<RotaOptions>>().Value.Problems().FirstOrDefault() is { } problem)
            return Fail(errors, problem);
        using var scope = app.Services.CreateScope();
        var rota = scope.ServiceProvider.GetRequiredService<ReadRota>();
        var json = options.GetValueOrDefault("--format", "table") == "json";

        if (verb == "who")
        {
            if (!options.TryGetValue("--at", out var atText) || !DateTimeOffset.TryParse(atText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                return Fail(errors, "rota who needs --at <ISO time>, e.g. 2026-11-21T23:00:00Z");
            var instant = Instant.FromDateTimeOffset(at);
            var who = (await rota.WhoAsync(instant, CancellationToken.None)).Select(w => new { layer = w.Layer.ToString(), staffId = w.StaffId }).ToList();
            if (json) output.WriteLine(JsonSerializer.Serialize(new { at = instant.ToString(), layers = who }));
            else foreach (var w in who) output.WriteLine($"{w.layer,-10} {w.staffId ?? "(nobody)"}");
            return 0;
        }

        var pattern = LocalDatePattern.Iso;
        if (!options.TryGetValue("--from", out var fromText) || !options.TryGetValue("--to", out var toText)
            || !pattern.Parse(fromText).Success || !pattern.Parse(toText).Success)
            return Fail(errors, "rota shifts needs --from <date> --to <date>, e.g. --from 2026-11-21 --to 2026-11-28");
        if (await rota.ShiftsAsync(pattern.Parse(fromText).Value, pattern.Parse(toText).Value, CancellationToken.None) is not { } shifts)
            return Fail(errors, "ask for at most a year of shifts");
        string Local(Instant i) => i.InZone(rota.Zone).ToString("yyyy-MM-dd'T'HH:mm:sso<g>", CultureInfo.InvariantCulture);
        if (json)
            output.WriteLine(JsonSerializer.Serialize(shifts.Select(s => new
            {
                layer = s.Layer.ToString(), staffId = s.StaffId, start = Local(s.Start), end = Local(s.End), hours = s.Length.TotalHours, s.IsOverride,
            })));
        else
            foreach (var s in shifts)
                output.WriteLine($"{s.Layer,-10} {Local(s.Start)}  {Local(s.End)}  {s.Length.TotalHours,5:0.##} h  {s.StaffId ?? "GAP — nobody on call"}{(s.IsOverride ? "  (override)" : "")}");
        return 0;
    }

    private static Dictionary<string, string>? Options(string[] args)
    {
        var options = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--at" or "--from" or "--to" or "--format")
            {
                if (i + 1 >= args.Length) return null;
                options[args[i]] = args[++i];
            }
            else if (args[i] == "--account") return null;   // rotas are organisation-wide: an account never narrowed them
        }
        return options.TryGetValue("--format", out var f) && f is not ("json" or "table") ? null : options;
    }

    private static int Fail(TextWriter errors, string message)
    {
        errors.WriteLine(message);
        return 2;
    }
}
