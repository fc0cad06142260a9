using NodaTime;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Tests.Unit;

public sealed class StormsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 21, 2, 0);

    [Theory]
    [InlineData("Why is Mill Lane closed again?? Sort it out #12", "Seriously, why is Mill Lane closed AGAIN? Sort it out #9", true)]
    [InlineData("@ExampleCouncil why is Mill Lane closed again? https://t.co/x", "why is mill lane closed again", true)]
    [InlineData("Why is Mill Lane closed again?", "Why is Oak Road flooded again?", false)]
    [InlineData("Bins not collected on Elm Road", "When is the tip open on Sunday?", false)]
    public void Near_duplicates_are_told_from_different_mentions(string a, string b, bool near) =>
        Assert.Equal(near, Storms.Similarity(a, b) >= Storms.Threshold);

    [Fact]
    public void Two_mentions_share_a_storm_band_exactly_when_they_share_two_keys()
    {
        Assert.Equal(28, Storms.Bands([1, 2, 3, 4, 5, 6, 7, 8]).Count);
        Assert.Equal(28, Storms.Bands([1, 2, 3, 4, 5, 6, 7, 8]).Distinct().Count());
        Assert.Empty(Storms.Bands([1, 2, 3]).Intersect(Storms.Bands([3, 4, 5])));                 // one key in common
        Assert.Single(Storms.Bands([1, 2, 3]).Intersect(Storms.Bands([2, 3, 9])));                // two
        Assert.Equal(3, Storms.Bands([-7, 2, 3]).Intersect(Storms.Bands([-7, 2, 3, 9])).Count()); // three keys, three pairs
        Assert.Empty(Storms.Bands([5]));

        // Near-duplicates share a band; unlike texts of a busy night from a small vocabulary share one far less often than a key.
        var openers = new[] { "", "Again! ", "Seriously, ", "@ExampleCouncil " };
        var near = Enumerable.Range(0, 50)
            .Select(i => Storms.Bands(Storms.LockKeys("council", $"{openers[i % 4]}Why is Mill Lane closed again?? Nobody told us. Sort it out #{i}", [])))
            .ToList();
        Assert.All(near.SelectMany((a, i) => near.Skip(i + 1).Select(b => (a, b))), p => Assert.NotEmpty(p.a.Intersect(p.b)));
        var words = "bins library pothole parking permit school meals streetlight graffiti noise allotment market licence playground recycling drain bridge roadworks pavement bench fountain toilets museum theatre"
            .Split(' ');
        var unlike = Enumerable.Range(0, 300).Select(i =>
        {
            var random = new Random(i);
            return Storms.LockKeys("council", string.Join(' ', Enumerable.Range(0, 12).Select(_ => words[random.Next(words.Length)])), []);
        }).ToList();
        var pairs = unlike.SelectMany((a, i) => unlike.Skip(i + 1).Select(b => (a, b))).ToList();
        var sharingAKey = pairs.Count(p => p.a.Intersect(p.b).Any());
        var sharingABand = pairs.Count(p => Storms.Bands(p.a).Intersect(Storms.Bands(p.b)).Any());
        Assert.True(sharingABand * 4 < sharingAKey, $"{sharingABand} pairs share a band, {sharingAKey} a key");
    }

    [Fact]
    public void Texts_with_one_word_pair_in_common_never_share_a_storm_band_however_common_it_is()
    {
        // Each text has the same common word pair and otherwise words of its own: under several of the hash functions that
        // pair is the smallest of both, but it is one word pair, so one key, and a band takes two.
        var sharingAKey = 0;
        for (var i = 0; i < 400; i++)
        {
            var a = Storms.LockKeys("council", $"bins collection a{i} b{i} c{i} d{i} e{i}", []);
            var b = Storms.LockKeys("council", $"bins collection v{i} w{i} x{i} y{i} z{i}", []);
            if (a.Intersect(b).Any()) sharingAKey++;
            Assert.Empty(Storms.Bands(a).Intersect(Storms.Bands(b)));
        }
        Assert.True(sharingAKey > 50, $"{sharingAKey} pairs share a key"); // the common pair is often the smallest of both
    }

    [Fact]
    public void Near_duplicates_share_a_storm_key_and_unlike_mentions_share_none()
    {
        var openers = new[] { "", "Again! ", "Seriously, ", "@ExampleCouncil " };
        var keys = Enumerable.Range(0, 200)
            .Select(i => Storms.LockKeys("council", $"{openers[i % 4]}Why is Mill Lane closed again?? Nobody told us. Sort it out #{i}", []))
            .ToList();
        Assert.All(keys, k => Assert.Equal(k.Order(), k));                     // the order every transaction takes them in
        var pairs = keys.SelectMany((a, i) => keys.Skip(i + 1).Select(b => (a, b))).ToList();
        Assert.All(pairs, p => Assert.NotEmpty(p.a.Intersect(p.b)));

        var unlike = new[]
        {
            "Bins not collected on Elm Road", "When is the tip open on Sunday?", "Streetlight out on Oak Avenue since Tuesday",
            "How do I apply for a parking permit", "Pothole outside number 12 Station Road is huge", "Library opening hours tonight please",
        }.Select(t => Storms.LockKeys("council", t, [])).ToList();
        Assert.All(unlike.SelectMany((a, i) => unlike.Skip(i + 1).Select(b => (a, b))), p => Assert.Empty(p.a.Intersect(p.b)));

        // The same words give the same keys whatever the case and punctuation; per account; none for what never joins a storm.
        Assert.Equal(Storms.LockKeys("council", "Bins not collected on Elm Road", []), Storms.LockKeys("council", "bins NOT collected on Elm Road!", []));
        Assert.Empty(Storms.LockKeys("council", "Bins not collected on Elm Road", []).Intersect(Storms.LockKeys("police", "Bins not collected on Elm Road", [])));
        Assert.Empty(Storms.LockKeys("council", "There's a fire on Elm Road", [ResponseBot.Domain.Triage.Flags.Emergency]));
        Assert.Empty(Storms.LockKeys("council", "!!!", []));
    }

    [Fact]
    public void It_takes_two_similar_recent_mentions_to_start_a_storm_and_an_active_one_is_joined()
    {
        LooseCase Loose(long id, string text, int minutesAgo = 1) => new(id, text, Now - Duration.FromMinutes(minutesAgo));
        var text = "Why is Mill Lane closed again? Sort it out";
        Assert.IsType<StormCall.None>(Storms.Decide(text, [], [], [Loose(1, text)], Now));
        var start = Assert.IsType<StormCall.Start>(Storms.Decide(text, [], [], [Loose(5, text), Loose(3, text + " now"), Loose(4, "tip opening times")], Now));
        Assert.Equal([3L, 5L], start.Members);
        Assert.IsType<StormCall.None>(Storms.Decide(text, [], [], [Loose(5, text, 20), Loose(3, text, 30)], Now));       // too long ago
        var storm = new ActiveStorm(9, 3, Storms.Normalise(text), Now - Duration.FromMinutes(2), null, null, null, null, null);
        Assert.Equal(storm, Assert.IsType<StormCall.Join>(Storms.Decide("Sort it out! Why is Mill Lane closed again", [], [storm], [], Now)).Storm);
    }

    [Fact]
    public void An_emergency_or_personal_data_is_never_absorbed()
    {
        var storm = new ActiveStorm(9, 3, Storms.Normalise("mill lane is on fire"), Now, null, null, null, null, null);
        Assert.IsType<StormCall.None>(Storms.Decide("Mill Lane is on fire", ["emergency"], [storm], [], Now));
        Assert.IsType<StormCall.None>(Storms.Decide("Mill Lane is on fire", ["personal-data"], [storm], [], Now));
    }

    [Fact]
    public void A_member_gets_the_storms_statement_unless_someone_took_it_further_and_the_lead_keeps_its_own_course()
    {
        var by = new Stamp("alex", "Alex Wilber", Now);
        CaseRecord Case(CaseState state, bool lead = false) => new()
        {
            Id = 7, Mention = new Mention("a", "e", new Author("r", "R", null), "t", null, Now, null), ReceivedAt = Now, State = state, Version = 2,
            StormId = 9, LeadsStorm = lead,
        };
        var t = Assert.IsType<CaseOutcome.Transition>(CaseWorkflow.Apply(Case(CaseState.New), new SystemEvent.StormDecided(9, "Statement", null, by), Now));
        Assert.Equal(CaseState.Scheduled, t.After.State);
        Assert.Equal("Statement", t.After.ReplyText);
        Assert.Equal([new CaseEffect.PublishAt(Now)], t.Effects);
        Assert.Equal(CaseState.Dismissed,
            Assert.IsType<CaseOutcome.Transition>(CaseWorkflow.Apply(Case(CaseState.Notified), new SystemEvent.StormDecided(9, null, "spam", by), Now)).After.State);
        Assert.IsType<CaseOutcome.Refusal>(CaseWorkflow.Apply(Case(CaseState.AwaitingApproval), new SystemEvent.StormDecided(9, "Statement", null, by), Now));
        Assert.IsType<CaseOutcome.Refusal>(CaseWorkflow.Apply(Case(CaseState.New, lead: true), new SystemEvent.StormDecided(9, "Statement", null, by), Now));
    }
}
