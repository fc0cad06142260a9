using System.Text.Json.Nodes;

namespace ResponseBot.Bench;

/// <summary>
/// CPU time used so far by the benchmark's PostgreSQL (every process named postgres, and the backends its server has reaped)
/// and by the host (every process running ResponseBot.Host), from /proc: user and system time, in seconds.
/// </summary>
public sealed record CpuTime(double Database, double Host)
{
    private const double TicksPerSecond = 100; // USER_HZ, fixed at 100 on Linux

    public static CpuTime Read()
    {
        double database = 0, host = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!char.IsDigit(Path.GetFileName(dir)[0])) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                // The command name is in parentheses and may hold spaces; the fields after it are space-separated.
                var close = stat.LastIndexOf(')');
                var name = stat[(stat.IndexOf('(') + 1)..close];
                var fields = stat[(close + 2)..].Split(' ');
                var seconds = (double.Parse(fields[11]) + double.Parse(fields[12])) / TicksPerSecond; // utime, stime
                // A backend that has ended is gone from /proc: its time is the server's, counted with the children it reaped.
                var reaped = (double.Parse(fields[13]) + double.Parse(fields[14])) / TicksPerSecond; // cutime, cstime
                if (name == "postgres") database += seconds + reaped;
                else if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains("ResponseBot.Host")) host += seconds;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                // A process that ended meanwhile.
            }
        }
        return new CpuTime(database, host);
    }

    /// <summary>Microseconds of each side's CPU per event, between <paramref name="before"/> and now.</summary>
    public JsonObject PerEventSince(CpuTime before, long events) => new()
    {
        ["events"] = events,
        ["database"] = events == 0 ? null : Math.Round((Database - before.Database) * 1e6 / events, 1),
        ["host"] = events == 0 ? null : Math.Round((Host - before.Host) * 1e6 / events, 1),
    };
}
