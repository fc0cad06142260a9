using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace ResponseBot.Domain.Records;

/// <summary>
/// The records export's stable shapes (FOI requests, subject access). Version 1: the CSV has one row per case with exactly
/// <see cref="CsvColumns"/> in that order (documented in the README; columns are only ever added at the end, with a new
/// version); the JSON has the same fields per case plus every decision. Times are UTC, ISO 8601. Cells that a spreadsheet
/// would run as a formula (social media text is hostile) are prefixed with an apostrophe.
/// </summary>
public static class RecordsExport
{
    public const string Version = "responsebot-records/1";

    private static readonly (string Name, Func<ExportCase, string?> Value)[] Columns =
    [
        ("case_id", c => Num(c.Id)), ("account_id", c => c.AccountId), ("external_id", c => c.ExternalId),
        ("created_at", c => Time(c.CreatedAt)), ("received_at", c => Time(c.ReceivedAt)),
        ("author_name", c => c.AuthorName), ("author_handle", c => c.AuthorHandle), ("author_url", c => c.AuthorUrl),
        ("mention_text", c => c.Text), ("mention_url", c => c.Url), ("in_reply_to", c => c.InReplyTo),
        ("parent_author", c => c.ParentAuthor), ("parent_text", c => c.ParentText), ("thread_case_id", c => Num(c.ThreadCaseId)),
        ("state", c => c.State), ("flags", c => c.Flags), ("tags", c => c.Tags), ("respond_by", c => Time(c.RespondBy)),
        ("claimed_by", c => c.ClaimedBy), ("claimed_at", c => Time(c.ClaimedAt)),
        ("draft_text", c => c.DraftText), ("drafted_by", c => c.DraftedBy), ("drafted_at", c => Time(c.DraftedAt)),
        ("approved_by", c => c.ApprovedBy), ("approved_at", c => Time(c.ApprovedAt)),
        ("decided_by", c => c.DecidedBy), ("decided_at", c => Time(c.DecidedAt)), ("reason", c => c.Reason),
        ("reply_text", c => c.ReplyText), ("published_at", c => Time(c.PublishedAt)),
        ("platform_reply_id", c => c.PlatformReplyId), ("platform_reply_url", c => c.PlatformReplyUrl), ("holding_reply_id", c => c.HoldingReplyId),
        ("hidden_by", c => c.HiddenBy), ("hidden_at", c => Time(c.HiddenAt)), ("storm_id", c => Num(c.StormId)),
        ("author_redacted_at", c => Time(c.AuthorRedactedAt)), ("content_redacted_at", c => Time(c.ContentRedactedAt)),
        ("decisions", c => string.Join(" | ", c.Decisions.Select(Summary))),
    ];

    public static IReadOnlyList<string> CsvColumns { get; } = Columns.Select(c => c.Name).ToList();

    public static string Csv(IReadOnlyList<ExportCase> cases)
    {
        var csv = new StringBuilder(string.Join(",", CsvColumns)).Append("\r\n");
        foreach (var c in cases)
            csv.Append(string.Join(",", Columns.Select(col => Cell(col.Value(c))))).Append("\r\n");
        return csv.ToString();
    }

    public static string Json(IReadOnlyList<ExportCase> cases, Instant generatedAt, JsonObject query)
    {
        var list = new JsonArray();
        foreach (var c in cases)
        {
            var o = new JsonObject();
            foreach (var (name, value) in Columns.Where(col => col.Name != "decisions"))
                o[Camel(name)] = value(c) is { } v ? JsonValue.Create(v) : null;
            o["decisions"] = new JsonArray(c.Decisions.Select(d => (JsonNode)new JsonObject
            {
                ["id"] = d.Id, ["seq"] = d.Seq, ["at"] = Time(d.At), ["actorId"] = d.ActorId, ["actorName"] = d.ActorName, ["action"] = d.Action,
                ["fromState"] = d.FromState, ["toState"] = d.ToState, ["reason"] = d.Reason, ["textBefore"] = d.TextBefore, ["textAfter"] = d.TextAfter,
                ["detail"] = d.Detail is { } detail ? JsonNode.Parse(detail) : null, ["cardVersion"] = d.CardVersion, ["redacted"] = d.Redacted,
            }).ToArray());
            list.Add(o);
        }
        var doc = new JsonObject { ["format"] = Version, ["generatedAt"] = Time(generatedAt), ["query"] = query, ["cases"] = list };
        return doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static string Summary(ExportDecision d) =>
        $"{Time(d.At)} {d.ActorName} {d.Action}" + (d.FromState is not null ? $" {d.FromState}->{d.ToState}" : "") + (d.Reason is { } r ? $" ({r})" : "");

    private static string Cell(string? v)
    {
        if (v is null) return "";
        if (v.Length > 0 && "=+-@\t\r".Contains(v[0])) v = "'" + v;
        return v.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + v.Replace("\"", "\"\"") + "\"" : v;
    }

    private static string Camel(string snake)
    {
        var parts = snake.Split('_');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }

    private static string? Time(Instant? t) => t is { } i ? InstantPattern.ExtendedIso.Format(i) : null;

    private static string? Num(long? n) => n?.ToString(CultureInfo.InvariantCulture);
}
