namespace ResponseBot.Bench;

public sealed record BenchOptions(string PeerDir, string Out, bool Quick)
{
    public static BenchOptions Parse(string[] args)
    {
        string? peer = null, output = null;
        var quick = false;
        for (var i = 0; i < args.Length; i++)
            switch (args[i])
            {
                case "--peer": peer = args[++i]; break;
                case "--out": output = args[++i]; break;
                case "--quick": quick = true; break;
                default: throw new ArgumentException($"unknown option {args[i]} (use --peer DIR --out DIR [--quick])");
            }
        if (peer is null || !File.Exists(Path.Combine(peer, "run.sh"))) throw new ArgumentException("--peer must name a writable copy of the peer harness (with run.sh)");
        return new BenchOptions(Path.GetFullPath(peer), Path.GetFullPath(output ?? "."), quick);
    }
}
