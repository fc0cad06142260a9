using ResponseBot.Host.Composition;

if (CardsCommand.TryRun(args, out var exitCode)) return exitCode;

var app = ResponseBotApp.Build(args);
await app.MigrateDatabaseAsync();
await app.RunAsync();
return 0;
