using ResponseBot.Host.Cli;
using ResponseBot.Host.Composition;

if (CardsCommand.TryRun(args, out var exitCode)) return exitCode;
if (await RotaCommand.TryRunAsync(args, Console.Out, Console.Error) is { } rotaExit) return rotaExit;

var app = ResponseBotApp.Build(args);
await app.MigrateDatabaseAsync();
await app.RunAsync();
return 0;
