using ResponseBot.Host.Composition;

var app = ResponseBotApp.Build(args);
await app.MigrateDatabaseAsync();
await app.RunAsync();
