using System.Text.Json.Nodes;
using NodaTime;
using ResponseBot.Cards;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Tests.Unit;

/// <summary>The rota cards and the checks behind coordinators' overrides.</summary>
public sealed class RotaCardsTests
{
    private static readonly Dictionary<string, JsonObject> Cards =
        CardCatalogue.All(DateTimeZone.Utc).Where(c => c.Name.StartsWith("rota-", StringComparison.Ordinal)).ToDictionary(c => c.Name, c => c.Card.ToJson());

    private static IEnumerable<JsonObject> Nodes(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Nodes(p.Value))),
        JsonArray a => a.SelectMany(Nodes),
        _ => [],
    };

    private static IEnumerable<string> Values(JsonObject card, string type, string property) =>
        Nodes(card).Where(n => n["type"]?.GetValue<string>() == type).Select(n => n[property]?.GetValue<string>()).OfType<string>();

    [Theory]
    [InlineData("rota-who-is-on-call")]
    [InlineData("rota-week")]
    [InlineData("rota-week-coordinator")]
    public void Staff_names_only_appear_in_TextRuns_never_in_markdown(string name)
    {
        var card = Cards[name];
        Assert.Contains(CardCatalogue.HostileName, Values(card, "TextRun", "text"));
        Assert.All(Values(card, "TextBlock", "text"), t => Assert.DoesNotContain("evil", t));
    }

    [Fact]
    public void Only_coordinators_get_the_override_form_and_every_form_has_its_own_input_ids()
    {
        var verbs = (JsonObject c) => Values(c, "Action.Execute", "verb").ToHashSet();
        Assert.DoesNotContain(CardVerbs.AddOverride, verbs(Cards["rota-week"]));
        Assert.DoesNotContain(CardVerbs.RemoveOverride, verbs(Cards["rota-week"]));
        var coordinator = Cards["rota-week-coordinator"];
        Assert.Superset(new HashSet<string> { CardVerbs.AddOverride, CardVerbs.ChangeOverride, CardVerbs.RemoveOverride }, verbs(coordinator));
        var ids = Nodes(coordinator).Where(n => n["type"]?.GetValue<string>()?.StartsWith("Input.", StringComparison.Ordinal) == true).Select(n => n["id"]!.GetValue<string>()).ToList();
        Assert.Equal(12, ids.Count);                  // the add form and one change form, six inputs each
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains(CardVerbs.OverrideStaffInputId + "-12", ids);
    }

    [Fact]
    public void Gaps_are_counted_and_marked()
    {
        var week = Cards["rota-week"];
        Assert.Contains("1 gap in cover: nobody would be paged. Marked GAP below.", Values(week, "TextBlock", "text"));
        Assert.Single(Nodes(week), n => n["text"]?.GetValue<string>() == "GAP, nobody on call" && n["color"]?.GetValue<string>() == "Attention");
    }

    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly Instant Now = London.AtStrictly(new LocalDateTime(2026, 11, 23, 10, 0)).ToInstant();
    private static readonly string[] People = ["alex", "megan", "mia"];
    private static readonly string[] Managers = ["mia"];

    private static OverrideForm Form(string? layer = "Primary", string? staff = "megan", string? from = "2026-11-24", string? at = "17:00", string? to = "2026-11-25", string? until = "09:00") =>
        new(layer, staff, from, at, to, until);

    [Theory]
    [InlineData("Tertiary", "megan", "2026-11-24", "17:00", "Choose a layer.")]
    [InlineData("Primary", "mallory", "2026-11-24", "17:00", "Choose someone from the rota to cover.")]
    [InlineData("Primary", "megan", "24/11/2026", "17:00", "Give a start and end date and time.")]
    [InlineData("Primary", "megan", "2026-11-25", "10:00", "The cover must end after it starts.")]
    [InlineData("Manager", "megan", "2026-11-24", "17:00", "Only a manager can cover the manager on duty.")]
    public void Override_forms_are_checked(string layer, string staff, string from, string at, string error) =>
        Assert.Equal(error, RotaChanges.Parse(Form(layer, staff, from, at), London, People, Managers, Now).Error);

    [Fact]
    public void A_valid_form_is_read_in_the_rota_zone_and_old_or_endless_cover_is_refused()
    {
        var (o, error) = RotaChanges.Parse(Form(), London, People, Managers, Now);
        Assert.Null(error);
        Assert.Equal((Layer.Primary, "megan"), (o!.Layer, o.StaffId));
        Assert.Equal(Duration.FromHours(16), o.End - o.Start);
        Assert.Equal("That cover is already over.", RotaChanges.Parse(Form(from: "2026-11-20", to: "2026-11-21"), London, People, Managers, Now).Error);
        Assert.StartsWith("Cover longer than 31 days", RotaChanges.Parse(Form(to: "2027-01-25"), London, People, Managers, Now).Error);
    }

    [Fact]
    public void Everyone_an_override_moves_is_told_what_they_gained_or_lost_and_nobody_else_is()
    {
        var before = new RotaPlan(London, new Coverage(new LocalTime(9, 0), new LocalTime(17, 0), Nation.EnglandAndWales),
            [new Rotation(Layer.Primary, ["alex", "adele"], new LocalDate(2026, 11, 23), new LocalTime(17, 0), 1)], []);
        var (o, _) = RotaChanges.Parse(Form(from: "2026-11-23", at: "17:00", to: "2026-11-24", until: "09:00"), London, People, Managers, Now);
        var after = before with { Overrides = [o!] };
        var notices = RotaChanges.Notices(before, after, new Interval(o!.Start, o.End), "Casey Coordinator", id => id.ToUpperInvariant());

        Assert.Equal(["alex", "megan"], notices.Keys.Order());
        Assert.Contains("You now cover primary from Mon 23 Nov 17:00 to Tue 24 Nov 09:00 (instead of ALEX).", notices["megan"]);
        Assert.Contains("You no longer cover primary from Mon 23 Nov 17:00 to Tue 24 Nov 09:00: MEGAN does.", notices["alex"]);
        Assert.StartsWith("Casey Coordinator changed the out-of-hours rota.", notices["alex"]);
    }
}
