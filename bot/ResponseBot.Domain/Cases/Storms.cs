using System.Globalization;
using System.Text;
using NodaTime;
using ResponseBot.Domain.Triage;

namespace ResponseBot.Domain.Cases;

/// <summary>A storm a new mention may join: its lead's normalised text, and what has been decided for all of it.</summary>
public sealed record ActiveStorm(long Id, long LeadCaseId, string Signature, Instant LastAt, string? Statement, string? DismissReason, string? DecidedById,
    string? DecidedByName, Instant? DecidedAt);

/// <summary>A recent case not in a storm, that a new mention may start one with.</summary>
public sealed record LooseCase(long Id, string Text, Instant ReceivedAt);

public abstract record StormCall
{
    public sealed record None : StormCall;
    public sealed record Join(ActiveStorm Storm) : StormCall;
    /// <summary>Start a storm led by the oldest of <paramref name="Members"/> (already cases), this mention joining it.</summary>
    public sealed record Start(IReadOnlyList<long> Members) : StormCall;
}

/// <summary>
/// Near-duplicate mentions collapse into one storm: text that, normalised (case, accents, @names, links and punctuation
/// dropped), shares most of its word pairs with the storm's lead, or with enough recent mentions to start one. An emergency
/// or a mention with personal data is never absorbed: each of those reaches a person on its own.
/// </summary>
public static class Storms
{
    /// <summary>How recent the mentions are that a storm is made of, and how long a quiet storm keeps absorbing.</summary>
    public static readonly Duration Window = Duration.FromMinutes(15);

    /// <summary>Similar recent mentions (besides the new one) it takes to start a storm.</summary>
    public const int StartWith = 2;

    /// <summary>Jaccard similarity of word pairs above which two texts are near-duplicates.</summary>
    public const double Threshold = 0.6;

    public static bool MayJoin(IReadOnlyList<string> flags) => !flags.Contains(Flags.Emergency) && !flags.Contains(Flags.PersonalData);

    public static StormCall Decide(string text, IReadOnlyList<string> flags, IReadOnlyList<ActiveStorm> storms, IReadOnlyList<LooseCase> recent, Instant now) =>
        Joining(text, flags, storms, now) is { } storm ? new StormCall.Join(storm) : Starting(text, flags, recent, now);

    /// <summary>The active storm the mention joins, if any: asked first, so a storm under way needs no look at loose cases.</summary>
    public static ActiveStorm? Joining(string text, IReadOnlyList<string> flags, IReadOnlyList<ActiveStorm> storms, Instant now)
    {
        var shingles = MayJoin(flags) ? Shingles(Normalise(text)) : [];
        return shingles.Count == 0 ? null
            : storms.Where(s => now - s.LastAt <= Window).OrderByDescending(s => s.LastAt)
                .FirstOrDefault(s => Similarity(shingles, Shingles(s.Signature)) >= Threshold);
    }

    /// <summary>
    /// A mention's storm bands: every pair of its storm keys, as one number each. A recent loose case is compared with a
    /// mention only when they share a band: two different word pairs that are each the smallest of both texts under one of
    /// the hash functions. One shared key is enough to decide one at a time, but on a busy account many unlike texts share
    /// one by chance (a common word pair); two is much rarer, and one word pair in common, however common, is never two,
    /// while two texts at the storm threshold share fewer than two about once in 100 pairs — and a storm needs only two of
    /// them. Indexed, a shared band is found without reading every case that shares a single key.
    /// </summary>
    public static IReadOnlyList<long> Bands(IReadOnlyList<int> keys) =>
        [.. from a in keys from b in keys where a < b select ((long)a << 32) | (uint)b];

    /// <summary>
    /// The keys a mention decides on a storm under (advisory locks, each held until it commits). Near-duplicates share at
    /// least one, so they decide one at a time and agree on one storm; unlike mentions share none and are routed side by
    /// side. The smallest of the text's word pairs under each of eight hash functions (MinHash) is taken, and each word pair
    /// so taken is one key (the account with the word pair): two texts sharing a fraction J of their word pairs take the same
    /// one under a function with probability J, so two at the storm threshold (0.6) miss under all eight about once in 1,500
    /// pairs, and then the later one at worst keeps its own card. A word pair that is the smallest under several functions
    /// is still one key, so a key stands for a word pair and a band (<see cref="Bands"/>) for two. None for a mention that
    /// never joins a storm. Sorted, the order every transaction takes them in.
    /// </summary>
    public static IReadOnlyList<int> LockKeys(string accountId, string text, IReadOnlyList<string> flags)
    {
        if (!MayJoin(flags)) return [];
        var shingles = Shingles(Normalise(text));
        if (shingles.Count == 0) return [];
        var account = Fnv(2166136261, accountId);
        return Enumerable.Range(0, 8)
            .Select(i => (int)Fnv(account, shingles.MinBy(w => Fnv(Mix(2166136261, (uint)i), w))!))
            .Distinct().Order().ToList();
    }

    // FNV-1a over UTF-16 code units: stable across processes and instances, unlike string.GetHashCode.
    private static uint Fnv(uint seed, string s)
    {
        var h = seed;
        foreach (var c in s) { h ^= c; h *= 16777619; }
        return h;
    }

    private static uint Mix(uint h, uint v)
    {
        h ^= v * 0x9E3779B1; h *= 16777619;
        return h;
    }

    /// <summary>Whether the mention starts a storm with recent loose cases like it.</summary>
    public static StormCall Starting(string text, IReadOnlyList<string> flags, IReadOnlyList<LooseCase> recent, Instant now)
    {
        var shingles = MayJoin(flags) ? Shingles(Normalise(text)) : [];
        if (shingles.Count == 0) return new StormCall.None();
        var similar = recent.Where(r => now - r.ReceivedAt <= Window && Similarity(shingles, Shingles(Normalise(r.Text))) >= Threshold)
            .Select(r => r.Id).ToList();
        return similar.Count >= StartWith ? new StormCall.Start(similar.Order().ToList()) : new StormCall.None();
    }

    /// <summary>Compatibility-normalised, accents and case folded, @names, links and punctuation dropped, spaces collapsed.</summary>
    public static string Normalise(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var word in decomposed.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.StartsWith('@') || word.Contains("://", StringComparison.Ordinal) || word.StartsWith("www.", StringComparison.OrdinalIgnoreCase)) continue;
            var kept = new StringBuilder();
            foreach (var c in word)
                if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && (char.IsLetterOrDigit(c) || char.IsSurrogate(c)))
                    kept.Append(char.ToLowerInvariant(c));
            if (kept.Length == 0) continue;
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(kept);
        }
        return sb.ToString();
    }

    // Word pairs (single words for a one-word text): robust to a word added or dropped, unlike the whole text.
    private static HashSet<string> Shingles(string normal)
    {
        var words = normal.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2) return [.. words];
        return Enumerable.Range(0, words.Length - 1).Select(i => words[i] + " " + words[i + 1]).ToHashSet();
    }

    private static double Similarity(HashSet<string> a, HashSet<string> b) =>
        a.Count == 0 || b.Count == 0 ? 0 : (double)a.Count(b.Contains) / (a.Count + b.Count - a.Count(b.Contains));

    public static double Similarity(string a, string b) => Similarity(Shingles(Normalise(a)), Shingles(Normalise(b)));
}

public static class StormDecision
{
    /// <summary>What a member joining <paramref name="storm"/> now gets, or null while nothing has been decided for it.</summary>
    public static SystemEvent.StormDecided? For(ActiveStorm storm) =>
        (storm.Statement is not null || storm.DismissReason is not null) && storm.DecidedById is { } id && storm.DecidedAt is { } at
            ? new SystemEvent.StormDecided(storm.Id, storm.Statement, storm.DismissReason, new Stamp(id, storm.DecidedByName ?? id, at))
            : null;
}
