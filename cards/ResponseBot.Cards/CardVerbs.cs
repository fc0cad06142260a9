namespace ResponseBot.Cards;

/// <summary>The verbs our cards send back, and the data keys they carry. The bot layer keys on these.</summary>
public static class CardVerbs
{
    public const string Approve = "case.approve";
    public const string SendEdited = "case.send_edited";

    public const string VerbKey = "verb";
    public const string CaseIdKey = "caseId";
    public const string ReplyTextInputId = "replyText";
}
