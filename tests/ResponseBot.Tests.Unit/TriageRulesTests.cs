using ResponseBot.Domain.Accounts;
using ResponseBot.Domain.Cases;
using ResponseBot.Domain.Replies;
using ResponseBot.Domain.Triage;

namespace ResponseBot.Tests.Unit;

/// <summary>
/// The shipped rules, category by category: what each must catch, and the near misses it must leave alone (a false flag
/// sends a harmless reply to a manager; a missed one lets a reply to an emergency wait an hour).
/// </summary>
public sealed class TriageRulesTests
{
    private static IReadOnlyList<string> FlagsOf(string text) => TriageRules.Default.Evaluate(text).Flags;

    public static TheoryData<string, bool> Emergency => new()
    {
        { "There's a fire on Mill Lane, flames coming out of the roof", true },
        { "Call 999, someone has been stabbed outside the Co-op", true },
        { "I think someone's breaking in next door", true },
        { "HELP ME please", true },
        { "ＦＩＲＥ at the school", true },                                      // full-width letters read as plain ones (NFKC)
        { "𝐟𝐢𝐫𝐞 in the flats", true },                                          // "fancy font" letters too
        { "Worried he is suicidal", true },                                       // suicid* reaches the longer word
        { "I can’t breathe, there's smoke", true },                              // a curly apostrophe is an apostrophe
        { "Fireworks display approved for the park on Saturday?", false },
        { "Are Firestone tyres sold in the market?", false },
        { "Ceasefire talks on the news tonight", false },
        { "My number is 01632 999123, please call back", false },                // 999 inside a landline
        { "Text me on 07700999000", false },                                      // inside a mobile
        { "Ring 0117 999 1234 for the depot", false },                            // one group of a spaced number
        { "He was fired from the depot", false },
    };

    [Theory, MemberData(nameof(Emergency))]
    public void Emergency_words_are_whole_words_and_999_is_never_part_of_a_phone_number(string text, bool flagged)
    {
        var triage = TriageRules.Default.Evaluate(text);
        Assert.Equal(flagged, triage.Flags.Contains(Flags.Emergency));
        Assert.Equal(flagged, triage.IsUrgent);
    }

    public static TheoryData<string, bool> Political => new()
    {
        { "Who is the councillor for this ward?", true },
        { "This is just party political nonsense", true },
        { "Will the election change bin day?", true },
        { "Typical Tory council", true },
        { "The Lib Dems promised this", true },
        { "The school is apolitical about it", false },
        { "Geopolitical news is all anyone talks about", false },
        { "The labourers started at 7am", false },
        { "Can't play my mp3s in the library", false },
    };

    [Theory, MemberData(nameof(Political))]
    public void Political_words_are_found_whole_and_not_inside_other_words(string text, bool flagged) =>
        Assert.Equal(flagged, FlagsOf(text).Contains(Flags.Political));

    public static TheoryData<string, bool> AbuseTexts => new()
    {
        { "You lot are f***ing useless", false },                                  // starred out: nothing to match, and it's a complaint anyway
        { "fuuuck this council", true },
        { "Absolute scumbags", true },
        { "You shitheads", true },
        { "Scunthorpe United won", false },
        { "Cocktail bar opening on the high street", false },
    };

    [Theory, MemberData(nameof(AbuseTexts))]
    public void Abuse_words_and_spellings(string text, bool flagged) => Assert.Equal(flagged, FlagsOf(text).Contains(Flags.Abuse));

    public static TheoryData<string, bool> ComplaintTexts => new()
    {
        { "I want to make a complaint about the bin men", true },
        { "Still waiting for a reply, third time I've asked", true },
        { "Absolutely appalling service", true },
        { "Thanks for the quick fix!", false },
        { "Complaisant staff, lovely day", false },
    };

    [Theory, MemberData(nameof(ComplaintTexts))]
    public void Complaints(string text, bool flagged) => Assert.Equal(flagged, FlagsOf(text).Contains(Flags.Complaint));

    public static TheoryData<string, bool> PersonalDetails => new()
    {
        { "Call me on 07700 900123", true },
        { "Call me on +44 7700 900123", true },
        { "My landline is 01632 960123", true },
        { "Ring +44 (0)20 7946 0018 please", true },
        { "It's jo.bloggs@example.com", true },
        { "I live at 14 Mill Lane, AB1 2CD and nobody came", true },
        { "Flat 3, 22b High Street, Newtown CF10 1AA", true },
        { "The car AB12 CDE has been parked here for weeks", true },
        { "My NHS number is 943 476 5919", true },                               // passes the Modulus 11 check
        { "Reference 9434765919", true },
        { "Bins not collected anywhere in AB1 2CD", false },                     // a postcode with no house number
        { "Order 943 476 5918 still not delivered", false },                     // ten digits failing the NHS check
        { "Road closed between junctions 14 and 15", false },
        { "Meeting at 10:30 on 12/05", false },
        { "Our @handle is on the poster", false },
    };

    [Theory, MemberData(nameof(PersonalDetails))]
    public void Personal_details_are_found_by_the_detectors(string text, bool flagged)
    {
        var triage = TriageRules.Default.Evaluate(text);
        Assert.Equal(flagged, triage.Flags.Contains(Flags.PersonalData));
        // Personal details suggest moving to a private channel.
        Assert.Equal(flagged ? DefaultRules.PrivateDetailsTemplate : null, triage.Template);
    }

    [Theory]
    [InlineData("9434765919", true)]
    [InlineData("4010232137", true)]
    [InlineData("9434765918", false)]
    [InlineData("1234567890", false)]                                            // the check digit would be 10: never valid
    [InlineData("943476591", false)]
    public void Nhs_numbers_pass_the_modulus_11_check(string digits, bool valid) => Assert.Equal(valid, PersonalData.IsNhsNumber(digits));

    public static TheoryData<string, string, bool> Media => new()
    {
        { "resident42", "I'm a journalist at the Gazette, can you comment?", true },
        { "resident42", "Press enquiry: closure of the leisure centre", true },
        { "resident42", "Writing this up for a story tomorrow", true },
        { "NewsDesk", "Is the road closed?", true },                              // a configured journalist's account
        { "@newsdesk", "Is the road closed?", true },
        { "resident42", "Is the road closed?", false },
        { "resident42", "The editorial in the parish mag was lovely", false },
        { "resident42", "A true story: the bins went out on time", false },
    };

    [Theory, MemberData(nameof(Media))]
    public void Media_is_journalists_words_and_accounts(string author, string text, bool flagged)
    {
        var settings = new TriageSettings { MediaAccounts = new Dictionary<string, IReadOnlyList<string>> { ["council"] = ["@NewsDesk"] } };
        var rules = TriageRules.Compile(DefaultRules.All, settings, DefaultRules.Templates).Rules!;
        Assert.Equal(flagged, rules.Evaluate(new TriageInput(text, author, "council", "X")).Flags.Contains(Flags.Media));
        // Another account's mentions by the same handle are not flagged by the account list.
        Assert.DoesNotContain(Flags.Media, rules.Evaluate(new TriageInput("Is the road closed?", author, "police", "X")).Flags);
    }

    public static TheoryData<string, string> Language => new()
    {
        { "Mae'r sbwriel heb ei gasglu ar y ffordd", Languages.Welsh },
        { "Bore da, diolch am eich help", Languages.Welsh },
        { "Mae golau stryd wedi torri yn Heol y Bont", Languages.Welsh },
        { "Dydy'r biniau ddim wedi cael eu casglu", Languages.Welsh },
        { "The bins in Llandudno weren't collected again", Languages.English },
        { "Great day out at Llanfairpwllgwyngyll, diolch!", Languages.English },  // one Welsh word among English ones
        { "Cyngor Gwynedd still hasn't fixed the road", Languages.English },
        { "I saw a fox in the park at 6am", Languages.English },                  // "a", "i", "at" are English too
        { "", Languages.English },
    };

    [Theory, MemberData(nameof(Language))]
    public void Welsh_is_a_share_of_common_Welsh_words_not_one_place_name(string text, string language) =>
        Assert.Equal(language, TriageRules.Default.Evaluate(text).Language);

    [Fact]
    public void A_link_is_still_flagged_as_before()
    {
        Assert.Equal([Flags.Link], FlagsOf("See evil-example.com/login"));
        Assert.Equal(FlagsOf("Call 999 there's a fire, see bit.ly/x"), Flags.For("Call 999 there's a fire, see bit.ly/x"));
    }

    // ---- The organisation's own rules ------------------------------------------------------------------------------

    private static TriageRules Compile(params TriageRule[] rules) =>
        TriageRules.Compile(DefaultRules.All.Concat(rules), TriageSettings.Default, ["bins-missed", .. DefaultRules.Templates]) is { Rules: { } r } ? r
            : throw new InvalidOperationException("rules refused");

    [Fact]
    public void Tags_routes_and_templates_add_up_and_the_most_urgent_rule_suggests_the_reply()
    {
        var rules = Compile(
            new TriageRule("bins") { Words = ["bin", "bins"], Phrases = ["missed collection"], Tag = "Bins", Route = "Secondary", Template = "bins-missed" },
            new TriageRule("asb") { Phrases = ["anti-social"], Tag = "asb", Route = "channel:19:asb@thread.tacv2" });

        var bins = rules.Evaluate("Missed collection again on Elm Road");
        Assert.Equal(["bins"], bins.Tags);
        Assert.Equal(["secondary"], bins.Routes);
        Assert.Equal("bins-missed", bins.Template);
        Assert.Equal(["bins"], bins.Rules);

        var both = rules.Evaluate("Anti-social kids set the bins on fire, call me on 07700 900123");
        Assert.Equal(["asb", "bins"], both.Tags.Order());
        Assert.Equal(["channel:19:asb@thread.tacv2", "secondary"], both.Routes.Order());
        Assert.Equal(TriagePriority.Urgent, both.Priority);
        // The bins reply and the private-details one both match; neither rule is urgent, so the first by name wins.
        Assert.Equal("bins-missed", both.Template);
        Assert.Equal([Flags.Emergency, Flags.PersonalData], both.Flags);
    }

    [Fact]
    public void A_shipped_rule_can_be_replaced_by_name()
    {
        var rules = TriageRules.Compile(DefaultRules.All.Where(r => r.Name != Flags.Emergency)
            .Append(new TriageRule(Flags.Emergency) { Words = ["flood*"], Flag = Flags.Emergency, Priority = "urgent" }),
            TriageSettings.Default, DefaultRules.Templates).Rules!;
        Assert.Contains(Flags.Emergency, rules.Evaluate("Flooding on the A55").Flags);
        Assert.DoesNotContain(Flags.Emergency, rules.Evaluate("There's a fire").Flags);
    }

    public static TheoryData<TriageRule, string> BadRules => new()
    {
        { new TriageRule("broken") { Patterns = ["(unclosed"], Tag = "x" }, "Patterns:0 is not a valid pattern" },
        { new TriageRule("greedy") { Patterns = [".*"], Tag = "x" }, "Patterns:0 is not a valid pattern: it matches empty text" },
        { new TriageRule("mystery") { Words = ["bins"], Flag = "bins" }, "Flag: \"bins\" is not a category" },
        { new TriageRule("empty") { Tag = "x" }, "has nothing to match" },
        { new TriageRule("idle") { Words = ["bins"] }, "does nothing when it matches" },
        { new TriageRule("lost") { Words = ["bins"], Route = "deputy" }, "Route: \"deputy\" is not a rota layer" },
        { new TriageRule("nochannel") { Words = ["bins"], Route = "channel:" }, "Route: \"channel:\" is not a rota layer" },
        { new TriageRule("soon") { Words = ["bins"], Priority = "asap" }, "Priority: \"asap\" is not a priority" },
        { new TriageRule("numbered") { Words = ["bins"], Priority = "1" }, "Priority: \"1\" is not a priority" },
        { new TriageRule("both") { Words = ["bins"], Route = "primary, secondary" }, "Route: \"primary, secondary\" is not a rota layer" },
        { new TriageRule("unsaid") { Words = ["bins"], Template = "nope" }, "Template: \"nope\" is not a saved reply" },
        { new TriageRule("blind") { Detectors = ["postcode"], Tag = "x" }, "Detectors: \"postcode\" is not a detector" },
        { new TriageRule("spaced") { Words = ["missed collection"], Tag = "x" }, "Words:0 must be one word" },
        { new TriageRule("blank") { Phrases = [" "], Tag = "x" }, "Phrases:0 is empty" },
    };

    [Theory, MemberData(nameof(BadRules))]
    public void A_bad_rule_is_refused_with_the_rule_named(TriageRule rule, string problem)
    {
        var (rules, problems) = TriageRules.Compile(DefaultRules.All.Append(rule), TriageSettings.Default, DefaultRules.Templates);
        Assert.Null(rules);
        var found = Assert.Single(problems);
        Assert.Equal(rule.Name, found.Rule);
        Assert.Contains(problem, found.Message);
    }

    [Fact]
    public void Every_shipped_rule_compiles()
    {
        var (rules, problems) = TriageRules.Compile(DefaultRules.All, TriageSettings.Default, DefaultRules.Templates);
        Assert.Empty(problems);
        Assert.Equal(Flags.Categories.Count, rules!.Count);
    }

    // ---- Welsh replies --------------------------------------------------------------------------------------------

    private static readonly Mention Welsh = new("council", "1", new Author("dafydd", "Dafydd", null), "Mae'r sbwriel ar y ffordd", null, NodaTime.Instant.FromUnixTimeSeconds(0), null);

    [Fact]
    public void A_Welsh_mention_gets_the_accounts_Welsh_suggested_reply_when_it_has_one()
    {
        var account = new Account("council", Platform.Generic, "Cyngor", "Thanks {author}") { SuggestedReplyCy = "Diolch {author}" };
        Assert.Equal("Diolch @dafydd", ReplyTemplates.SuggestFor(Welsh, account, language: Languages.Welsh));
        Assert.Equal("Thanks @dafydd", ReplyTemplates.SuggestFor(Welsh, account, language: Languages.English));
        Assert.Equal("Thanks @dafydd", ReplyTemplates.SuggestFor(Welsh, account with { SuggestedReplyCy = null }, language: Languages.Welsh));
    }

    [Fact]
    public void A_Welsh_mention_gets_the_Welsh_holding_reply_and_the_Welsh_version_of_a_saved_reply()
    {
        var account = new Account("council", Platform.Generic, "Cyngor") { HoldingReplyText = "Back at {next_cover}", HoldingReplyTextCy = "Nôl am {next_cover}" };
        var at = NodaTime.Instant.FromUtc(2026, 11, 24, 9, 0);
        Assert.StartsWith("Nôl am 09:00", HoldingReply.Render(account.HoldingReplyText, Welsh, account, at, NodaTime.DateTimeZone.Utc, Languages.Welsh));
        Assert.StartsWith("Back at 09:00", HoldingReply.Render(account.HoldingReplyText, Welsh, account, at, NodaTime.DateTimeZone.Utc));

        var saved = new Dictionary<string, string> { ["bins"] = "Sorry", ["bins-cy"] = "Mae'n ddrwg gennym" };
        Assert.Equal("Mae'n ddrwg gennym", ReplyTemplates.Named(saved, "bins", Languages.Welsh));
        Assert.Equal("Sorry", ReplyTemplates.Named(saved, "bins", Languages.English));
        Assert.True(ReplyTemplates.IsWelshVersion("bins-cy", saved));
        Assert.NotNull(ReplyTemplates.Named(saved, DefaultRules.PrivateDetailsTemplate, Languages.Welsh));  // the shipped one
    }

    [Fact]
    public void A_pattern_too_slow_for_a_text_is_tried_twice_and_then_taken_as_not_matching()
    {
        // Catastrophic backtracking on this text: it runs out of time however often it is tried.
        var slow = new System.Text.RegularExpressions.Regex("^(a+)+$", System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromMilliseconds(20));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        Assert.False(TriageText.IsMatch(slow, new string('a', 40) + "!"));
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(30), $"gave up after {watch.Elapsed}: tried once");
        Assert.True(TriageText.IsMatch(slow, "aaaa"));
    }
}
