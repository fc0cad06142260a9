namespace ResponseBot.Bench;

/// <param name="Only">One phase alone (ingest or cards), for profiling: nothing is written.</param>
public sealed record BenchOptions(string PeerDir, string Out, bool Quick, string? Only = null)
{
    public static BenchOptions Parse(string[] args)
    {
        string? peer = null, output = null, only = null;
        var quick = false;
        for (var i = 0; i < args.Length; i++)
            switch (args[i])
            {
                case "--peer": peer = args[++i]; break;
                case "--out": output = args[++i]; break;
                case "--quick": quick = true; break;
                case "--only": only = args[++i] is "ingest" or "cards" ? args[i] : throw new ArgumentException("--only takes ingest or cards"); break;
                default: throw new ArgumentException($"unknown option {args[i]} (use --peer DIR --out DIR [--quick] [--only ingest|cards])");
            }
        if (peer is null || !File.Exists(Path.Combine(peer, "run.sh"))) throw new ArgumentException("--peer must name a writable copy of the peer harness (with run.sh)");
        return new BenchOptions(Path.GetFullPath(peer), Path.GetFullPath(output ?? "."), quick, only);
    }
}
