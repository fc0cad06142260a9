using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json.Nodes;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Unit;

/// <summary>
/// The Teams app package: manifest/pack.sh run on a copy of manifest/, then tests/node/check-app-package.mjs, which
/// validates the manifest with Microsoft's own schema tooling (npm @microsoft/app-manifest) and checks layout and icons.
/// The negative cases prove the checker and pack.sh refuse what Teams would.
/// </summary>
public sealed class AppPackageTests : IDisposable
{
    private const string BotId = "6F0C3C4E-9A1B-4C2D-8E3F-1A2B3C4D5E6F";
    private const string Host = "responsebot.example-council.gov.uk";

    // A copy, so a test never overwrites the package in manifest/dist or meets a concurrent run's.
    private readonly string _dir = Directory.CreateTempSubdirectory("app-package-").FullName;

    public AppPackageTests()
    {
        foreach (var f in new[] { "manifest.template.json", "color.png", "outline.png", "pack.sh" })
            File.Copy(Path.Combine(RepoPaths.Root, "manifest", f), Path.Combine(_dir, f));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task The_packed_app_passes_Microsofts_schema_and_the_layout_and_icon_checks()
    {
        Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(Path.Combine(RepoPaths.Root, "manifest", "pack.sh")).HasFlag(UnixFileMode.UserExecute));
        var zip = await PackAsync();

        Assert.Empty(await CheckAsync(zip));

        using var archive = ZipFile.OpenRead(zip);
        Assert.Equal(new[] { "color.png", "manifest.json", "outline.png" }, archive.Entries.Select(e => e.FullName).Order());
        var manifest = JsonNode.Parse(archive.GetEntry("manifest.json")!.Open())!;
        var bot = manifest["bots"]![0]!;
        Assert.Equal(BotId.ToLowerInvariant(), manifest["id"]!.GetValue<string>());
        Assert.Equal(BotId.ToLowerInvariant(), bot["botId"]!.GetValue<string>());
        Assert.Equal($"https://{Host}/privacy", manifest["developer"]!["privacyUrl"]!.GetValue<string>());
        Assert.Equal(new[] { Host }, manifest["validDomains"]!.AsArray().Select(d => d!.GetValue<string>()));
        Assert.Equal(new[] { "help", "on call", "off call", "on call as manager", "who's on call", "rota", "cover me", "calendar", "open", "case" },
            Titles(bot, "personal"));
        Assert.Equal(new[] { "help", "open", "who's on call" }, Titles(bot, "team"));
    }

    [Theory]
    [InlineData("eleven personal commands", "bots[0].commandLists[0] has 11 commands; Teams shows at most 10")]
    [InlineData("thirteen personal commands", "schema: /bots/0/commandLists/0/commands must NOT have more than 12 items")]
    [InlineData("no bot id", "schema: /bots/0 must have required property 'botId'")]
    [InlineData("app id not a GUID", "schema: /id must match pattern")]
    [InlineData("misspelt property", "schema: /bots/0 must NOT have additional properties")]
    [InlineData("short description too long", "schema: /description/short must NOT have more than 80 characters")]
    [InlineData("unfilled placeholder", "manifest.json: unfilled placeholders {{TENANT}}")]
    public async Task The_checker_refuses_a_manifest_Teams_would_refuse(string change, string expected)
    {
        var good = await PackAsync();
        var manifest = ReadManifest(good);
        var bot = manifest["bots"]![0]!.AsObject();
        var personal = bot["commandLists"]![0]!["commands"]!.AsArray();
        switch (change)
        {
            case "eleven personal commands": personal.Add(new JsonObject { ["title"] = "eleventh" }); break;
            case "thirteen personal commands": for (var i = 0; i < 3; i++) personal.Add(new JsonObject { ["title"] = $"extra {i}" }); break;
            case "no bot id": bot.Remove("botId"); break;
            case "app id not a GUID": manifest["id"] = "responsebot"; break;
            case "misspelt property": bot["isNotificationsOnly"] = false; break;
            case "short description too long": manifest["description"]!["short"] = new string('x', 81); break;
            case "unfilled placeholder": manifest["developer"]!["name"] = "{{TENANT}}"; break;
        }
        var bad = WriteZip("bad.zip", ("manifest.json", System.Text.Encoding.UTF8.GetBytes(manifest.ToJsonString())),
            ("color.png", ReadEntry(good, "color.png")), ("outline.png", ReadEntry(good, "outline.png")));

        Assert.Contains(await CheckAsync(bad), p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_checker_refuses_files_in_folders_extra_files_and_missing_ones()
    {
        var good = await PackAsync();
        var bad = WriteZip("layout.zip", ("manifest.json", ReadEntry(good, "manifest.json")),
            ("icons/color.png", ReadEntry(good, "color.png")), ("readme.txt", [1, 2, 3]));

        var problems = await CheckAsync(bad);

        Assert.Contains("layout: unexpected entry icons/color.png (only manifest.json, color.png, outline.png, at the root)", problems);
        Assert.Contains("layout: unexpected entry readme.txt (only manifest.json, color.png, outline.png, at the root)", problems);
        Assert.Contains("layout: outline.png missing at the root", problems);
        Assert.Contains("manifest.json: icons.outline should be outline.png, in the zip", problems);
    }

    [Theory]
    [InlineData("outline.png", "opaque", "outline.png: 544 pixel(s) wrong, first at (0,0) rgb(0,0,0) at alpha 255: only white on transparent")]
    [InlineData("outline.png", "grey strokes", "outline.png: 32 pixel(s) wrong, first at (0,16) rgb(128,128,128) at alpha 255")]
    [InlineData("outline.png", "too big", "outline.png: 48×48, should be 32×32")]
    [InlineData("color.png", "transparent corner", "color.png: 1 pixel(s) wrong, first at (0,0) alpha 0: the colour icon needs an opaque background")]
    [InlineData("color.png", "too small", "color.png: 96×96, should be 192×192")]
    public async Task The_checker_refuses_icons_Teams_would_refuse(string icon, string change, string expected)
    {
        byte[] png = change switch
        {
            "opaque" => Png(32, 32, (x, y) => x > 8 && x < 24 ? (255, 255, 255, 255) : (0, 0, 0, 255)),
            "grey strokes" => Png(32, 32, (x, y) => y == 16 ? (128, 128, 128, 255) : (255, 255, 255, 0)),
            "too big" => Png(48, 48, (x, y) => (255, 255, 255, x == y ? 255 : 0)),
            "transparent corner" => Png(192, 192, (x, y) => x + y == 0 ? (0, 0, 0, 0) : (31, 92, 153, 255)),
            "too small" => Png(96, 96, (x, y) => (31, 92, 153, 255)),
            _ => throw new ArgumentOutOfRangeException(nameof(change)),
        };
        await File.WriteAllBytesAsync(Path.Combine(_dir, icon), png);

        Assert.Contains(await CheckAsync(await PackAsync()), p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not-a-guid", Host, "botAppId 'not-a-guid' is not a GUID")]
    [InlineData(BotId, "https://" + Host, "is not a bare, fully qualified host name")]
    [InlineData(BotId, Host + "/api/messages", "is not a bare, fully qualified host name")]
    [InlineData(BotId, Host + ":443", "is not a bare, fully qualified host name")]
    [InlineData(BotId, "localhost", "is not a bare, fully qualified host name")]
    [InlineData(BotId, "", "is not a bare, fully qualified host name")]
    public async Task Pack_refuses_a_bad_bot_id_or_host_and_writes_nothing(string botId, string host, string expected)
    {
        var r = await Proc.RunToExitAsync("bash", [Path.Combine(_dir, "pack.sh"), botId, host]);

        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains(expected, r.StdErr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "dist")));
    }

    [Fact]
    public async Task Pack_refuses_a_missing_argument()
    {
        var r = await Proc.RunToExitAsync("bash", [Path.Combine(_dir, "pack.sh"), BotId]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("expected 2 arguments, got 1", r.StdErr);
    }

    private async Task<string> PackAsync()
    {
        var printed = await Proc.RunAsync("bash", [Path.Combine(_dir, "pack.sh"), BotId, Host]);
        var zip = Path.Combine(_dir, "dist", "responsebot.zip");
        Assert.EndsWith("/dist/responsebot.zip", printed.Trim());
        Assert.True(File.Exists(zip));
        return zip;
    }

    /// <summary>The checker's problems. Fails (never skips) when node or the npm tools are missing: then nothing parses.</summary>
    private static async Task<List<string>> CheckAsync(string zip)
    {
        var r = await Proc.RunToExitAsync("node", [Path.Combine(RepoPaths.NodeTools, "check-app-package.mjs"), zip]);
        if (string.IsNullOrWhiteSpace(r.StdOut))
            throw new InvalidOperationException($"check-app-package.mjs exited {r.ExitCode} without a report (./test.sh installs the npm tools):\n{r.StdErr}");
        var problems = JsonNode.Parse(r.StdOut)!["problems"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.Equal(problems.Count == 0 ? 0 : 1, r.ExitCode);
        return problems;
    }

    private static IEnumerable<string> Titles(JsonNode bot, string scope) =>
        bot["commandLists"]!.AsArray()
            .Single(l => l!["scopes"]!.AsArray().Select(s => s!.GetValue<string>()).SequenceEqual(new[] { scope }))!["commands"]!.AsArray()
            .Select(c => c!["title"]!.GetValue<string>());

    private static JsonNode ReadManifest(string zip) => JsonNode.Parse(ReadEntry(zip, "manifest.json"))!;

    private static byte[] ReadEntry(string zip, string name)
    {
        using var archive = ZipFile.OpenRead(zip);
        using var s = archive.GetEntry(name)!.Open();
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }

    private string WriteZip(string name, params (string Name, byte[] Bytes)[] entries)
    {
        var path = Path.Combine(_dir, name);
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entryName, bytes) in entries)
        {
            using var s = archive.CreateEntry(entryName).Open();
            s.Write(bytes);
        }
        return path;
    }

    /// <summary>A minimal 8-bit RGBA PNG, so the icon cases need no image library.</summary>
    private static byte[] Png(int width, int height, Func<int, int, (int R, int G, int B, int A)> pixel)
    {
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0); // filter: none
            for (var x = 0; x < width; x++)
            {
                var (r, g, b, a) = pixel(x, y);
                raw.Write([(byte)r, (byte)g, (byte)b, (byte)a]);
            }
        }
        var idat = new MemoryStream();
        using (var z = new ZLibStream(idat, CompressionLevel.Fastest, leaveOpen: true)) z.Write(raw.ToArray());
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bits per channel
        ihdr[9] = 6; // RGBA
        var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", ihdr);
        Chunk(png, "IDAT", idat.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        Span<byte> n = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(n, data.Length);
        png.Write(n);
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(n, Crc32(typed));
        png.Write(n);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (uint)-(int)(crc & 1));
        }
        return ~crc;
    }
}
