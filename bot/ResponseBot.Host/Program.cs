using ResponseBot.Host.Cli;
using ResponseBot.Host.Composition;

if (CardsCommand.TryRun(args, out var exitCode)) return exitCode;
if (await RotaCommand.TryRunAsync(args, Console.Out, Console.Error) is { } rotaExit) return rotaExit;
if (await AuditCommand.TryRunAsync(args, Console.Out, Console.Error) is { } auditExit) return auditExit;
if (await RecordsCommand.TryRunAsync(args, Console.Out, Console.Error) is { } recordsExit) return recordsExit;

var app = ResponseBotApp.Build(args);
await app.MigrateDatabaseAsync();
await app.RunAsync();
return 0;
