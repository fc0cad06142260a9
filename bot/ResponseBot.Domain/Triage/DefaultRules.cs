namespace ResponseBot.Domain.Triage;

/// <summary>
/// The rules the product ships with, one per category. An organisation's own rule with the same name replaces one;
/// <c>Enabled: false</c> turns one off. Word lists lean towards caution: a flag only ever asks for a second look or a
/// faster answer.
/// </summary>
public static class DefaultRules
{
    /// <summary>The saved reply the personal-data rule suggests, shipped with the product (<see cref="Replies.ReplyTemplates.BuiltIn"/>).</summary>
    public const string PrivateDetailsTemplate = "private-details";

    public static IReadOnlyList<string> Templates => Replies.ReplyTemplates.BuiltIn.Keys.ToList();

    public static readonly IReadOnlyList<TriageRule> All =
    [
        new(Flags.Emergency)
        {
            Words = ["999", "stabbed", "stabbing", "knife", "gun", "attack", "attacked", "attacking", "assault", "assaulted", "suicid*",
                "overdose", "fire", "unconscious", "trapped"],
            Phrases = ["help me", "kill myself", "kill me", "being followed", "break in", "breaking in", "broken into", "missing child",
                "missing person", "crime in progress", "domestic abuse", "gas leak", "smell gas", "can't breathe", "not breathing"],
            Flag = Flags.Emergency, Priority = nameof(TriagePriority.Urgent),
        },
        new(Flags.PersonalData)
        {
            Detectors = [Detectors.UkPhone, Detectors.Email, Detectors.Address, Detectors.VehicleRegistration, Detectors.NhsNumber],
            Flag = Flags.PersonalData, Template = PrivateDetailsTemplate,
        },
        new(Flags.Political)
        {
            Words = ["election", "elections", "vote", "voting", "councillor", "councillors", "mp", "mps", "parliament", "labour",
                "conservative", "conservatives", "tory", "tories", "snp", "plaid", "manifesto", "referendum", "politics", "political",
                "politician", "politicians", "libdem", "libdems"],
            Phrases = ["lib dem", "lib dems", "reform uk", "green party"],
            Flag = Flags.Political,
        },
        new(Flags.Media)
        {
            Words = ["journalist", "journalists", "reporter", "reporters", "newsroom", "editor", "broadcast", "broadcaster"],
            Phrases = ["press office", "press enquiry", "press inquiry", "media enquiry", "media inquiry", "for comment",
                "request for comment", "for a story", "for an article", "for our readers", "on deadline"],
            Detectors = [Detectors.MediaAccount],
            Flag = Flags.Media,
        },
        new(Flags.Abuse)
        {
            Words = ["shit*", "bastard*", "wank*", "cunt*", "twat*", "dickhead*", "scum", "scumbag*"],
            Patterns = [@"f+u+c+k\w*"],
            Flag = Flags.Abuse,
        },
        new(Flags.Complaint)
        {
            Words = ["complaint", "complain", "complained", "complaining", "disgraceful", "disgrace", "appalling", "unacceptable",
                "useless", "shocking", "ridiculous", "pathetic"],
            Phrases = ["fed up", "sick of", "still waiting", "not good enough", "waste of money", "no response", "third time"],
            Flag = Flags.Complaint,
        },
    ];
}
