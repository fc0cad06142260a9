using ResponseBot.Application.Ports;
using ResponseBot.Application.Records;
using ResponseBot.Host.Composition;

namespace ResponseBot.Host.Cli;

/// <summary>
/// The public's rights from the server: <c>records person --handle platform:handle [--format json|csv] [--out FILE]</c>
/// exports every case and decision about that person (subject access); <c>records erase --handle platform:handle --by NAME
/// --reason TEXT</c> redacts them, logged with who asked and why (erasure). Exit 1 when the erasure is refused.
/// </summary>
public static class RecordsCommand
{
    public const string Usage = "usage: records person --handle <platform>:<handle> [--format json|csv] [--out <file>]\n" +
                                "       records erase --handle <platform>:<handle> --by <name> --reason <why>";

    public static async Task<int?> TryRunAsync(string[] args, TextWriter output, TextWriter errors, Action<WebApplicationBuilder>? configure = null)
    {
        if (args is not ["records", .. var rest]) return null;
        if (rest is not [("person" or "erase") and var verb, .. var verbArgs]) return Fail(errors, Usage);
        var o = CliOptions.Parse(verbArgs, "--handle", "--format", "--out", "--by", "--reason");
        if (o.Error is not null || o["--handle"] is null || o["--format"] is not (null or "json" or "csv")
            || (verb == "erase" && (string.IsNullOrWhiteSpace(o["--by"]) || string.IsNullOrWhiteSpace(o["--reason"]))))
            return Fail(errors, o.Error ?? Usage);

        await using var app = ResponseBotApp.Build(o.Rest, configure);
        await app.MigrateDatabaseAsync();
        var (subject, error) = DataSubject.Parse(o["--handle"], app.Services.GetRequiredService<IAccountDirectory>());
        if (subject is null) return Fail(errors, error!);
        using var scope = app.Services.CreateScope();
        if (verb == "person")
        {
            var (text, cases) = await scope.ServiceProvider.GetRequiredService<ExportRecords>()
                .SubjectAsync(subject, o["--format"] == "csv" ? ExportFormat.Csv : ExportFormat.Json, CancellationToken.None);
            await o.WriteAsync(text, output);
            errors.WriteLine($"{cases} cases found for {subject}.");
            return 0;
        }
        // From the server, the actor is whoever runs the command: named, not authenticated, so it is recorded as given.
        var by = o["--by"]!.Trim();
        var result = await scope.ServiceProvider.GetRequiredService<EraseSubject>().RunAsync(subject, "cli:" + by, by, o["--reason"]!, CancellationToken.None);
        if (result.Refusal is { } refusal) { errors.WriteLine($"Nothing erased. {refusal}"); return 1; }
        output.WriteLine($"Erased {result.Cases} cases for {subject} ({result.LogRows} decision log texts redacted).");
        return 0;
    }

    private static int Fail(TextWriter errors, string message)
    {
        errors.WriteLine(message);
        return 2;
    }
}
