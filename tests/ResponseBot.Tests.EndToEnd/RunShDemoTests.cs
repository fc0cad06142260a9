using System.Diagnostics;
using System.Net.Sockets;
using ResponseBot.Testing;

namespace ResponseBot.Tests.EndToEnd;

/// <summary>
/// The README's first command on a fresh data directory: ./run.sh starts PostgreSQL, the bot and the Agents Playground, and
/// the demo feed's cards appear in the Personal Chat within a minute of opening it, with nobody typing.
/// </summary>
public sealed class RunShDemoTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task A_fresh_run_sh_shows_the_demo_feeds_cards_within_a_minute_with_nobody_typing()
    {
        var data = Directory.CreateTempSubdirectory("responsebot-demo-");
        var (bot, playground) = (FreePort(), FreePort());
        var psi = new ProcessStartInfo("bash", [Path.Combine(RepoPaths.Root, "run.sh")])
        {
            WorkingDirectory = RepoPaths.Root, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true,
        };
        psi.Environment["RESPONSEBOT_DATA"] = data.FullName;
        psi.Environment["BOT_PORT"] = bot.ToString();
        psi.Environment["PLAYGROUND_PORT"] = playground.ToString();
        psi.Environment["PG_PORT"] = FreePort().ToString();
        psi.Environment.Remove("ConnectionStrings__ResponseBot");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        using var run = Process.Start(psi)!;
        run.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        run.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        run.BeginOutputReadLine();
        run.BeginErrorReadLine();
        try
        {
            await Eventually.TrueAsync(() => output.Any(l => l.Contains("ResponseBot is running.")) || run.HasExited, "run.sh ready", TimeSpan.FromMinutes(4));
            Assert.False(run.HasExited, string.Join('\n', output));

            var chat = await PlaygroundChat.OpenAsync(chromium.Browser, new Uri($"http://127.0.0.1:{playground}/"), nameof(A_fresh_run_sh_shows_the_demo_feeds_cards_within_a_minute_with_nobody_typing));
            var opened = Stopwatch.StartNew();
            await chat.Page.Locator(".ac-adaptiveCard").Filter(new() { HasText = "Case #" }).First.WaitForAsync(new() { Timeout = 60_000 });
            var first = opened.Elapsed;
            await chat.ScreenshotAsync("1-first-demo-card");
            Assert.True(first < TimeSpan.FromMinutes(1), $"first demo card after {first}");
            // The samples keep coming: a second one within the next half minute, still with nobody typing.
            await Eventually.TrueAsync(async () => await chat.Page.Locator(".ac-adaptiveCard").Filter(new() { HasText = "Case #" }).CountAsync() >= 2,
                "a second demo card", TimeSpan.FromSeconds(40));
            await chat.ScreenshotAsync("2-more-demo-cards");
            Assert.Contains("on Community Forum", await chat.Page.Locator(".ac-adaptiveCard").Filter(new() { HasText = "Case #" }).First.InnerTextAsync());
        }
        finally
        {
            // SIGTERM lets run.sh stop the bot, the playground and PostgreSQL itself.
            Process.Start("kill", ["-TERM", run.Id.ToString()])!.WaitForExit();
            if (!run.WaitForExit(TimeSpan.FromSeconds(60))) run.Kill(entireProcessTree: true);
            // Run as root, the cluster lives in /tmp behind a link (the postgres user can't reach a root-owned directory).
            var cluster = new DirectoryInfo(Path.Combine(data.FullName, "pg")).LinkTarget;
            foreach (var dir in new[] { cluster, data.FullName }.OfType<string>())
                try { Directory.Delete(dir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static int FreePort()
    {
        using var l = new TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }
}
