using System.Runtime.InteropServices;

namespace ResponseBot.Bench;

public static class Machine
{
    public static string Describe()
    {
        var cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memKb = long.Parse(File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);
        // The machine's cores, not this process's: it runs pinned to one.
        var cores = File.ReadLines("/proc/cpuinfo").Count(l => l.StartsWith("processor"));
        return $"{cores} vCPU {cpu}, {memKb / 1024 / 1024} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    public static string Commit()
    {
        try
        {
            var head = ResponseBot.Testing.Proc.RunAsync("git", ["rev-parse", "--short", "HEAD"]).GetAwaiter().GetResult().Trim();
            var dirty = ResponseBot.Testing.Proc.RunAsync("git", ["status", "--porcelain", "--untracked-files=no"]).GetAwaiter().GetResult().Trim().Length > 0;
            return dirty ? head + "+changes" : head;
        }
        catch (Exception) { return "unknown"; }
    }
}
