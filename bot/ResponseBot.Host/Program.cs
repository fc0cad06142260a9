using Microsoft.Extensions.DependencyInjection;
using ResponseBot.Host.Cli;
using ResponseBot.Host.Composition;

if (CardsCommand.TryRun(args, out var exitCode)) return exitCode;
if (await RotaCommand.TryRunAsync(args, Console.Out, Console.Error) is { } rotaExit) return rotaExit;
if (await AuditCommand.TryRunAsync(args, Console.Out, Console.Error) is { } auditExit) return auditExit;
if (await RecordsCommand.TryRunAsync(args, Console.Out, Console.Error) is { } recordsExit) return recordsExit;

var app = ResponseBotApp.Build(args);
await app.MigrateDatabaseAsync();
var scheduler = app.Services.GetService<ResponseBot.Jobs.Scheduling.SchedulerService>();
await app.RunAsync();
// Stopped within the host's shutdown time; a scheduler that couldn't finish (the database is down) would otherwise keep
// the process alive on its job store's threads.
if (scheduler is { StoppedCleanly: false }) Environment.Exit(0);
return 0;
