using System.Text.Json;
using ResponseBot.Cards;

namespace ResponseBot.Host.Cli;

/// <summary><c>ResponseBot.Host cards dump &lt;dir&gt;</c>: writes every card variant as a JSON file, without starting the bot.</summary>
public static class CardsCommand
{
    public static bool TryRun(string[] args, out int exitCode)
    {
        exitCode = 0;
        if (args is not ["cards", ..]) return false;
        if (args is not ["cards", "dump", var dir])
        {
            Console.Error.WriteLine("usage: ResponseBot.Host cards dump <directory>");
            exitCode = 2;
            return true;
        }
        Directory.CreateDirectory(dir);
        var zone = NodaTime.DateTimeZoneProviders.Tzdb["Europe/London"];
        foreach (var (name, card) in CardCatalogue.All(zone))
        {
            var path = Path.Combine(dir, name + ".json");
            File.WriteAllText(path, card.ToJson().ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            Console.WriteLine(path);
        }
        return true;
    }
}
