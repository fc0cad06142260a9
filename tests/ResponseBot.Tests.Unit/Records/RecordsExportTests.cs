using System.Text.Json.Nodes;
using NodaTime;
using ResponseBot.Domain.Records;

namespace ResponseBot.Tests.Unit.Records;

public sealed class RecordsExportTests
{
    private static readonly ExportCase Case = new()
    {
        Id = 42, AccountId = "council", ExternalId = "p1", CreatedAt = Instant.FromUtc(2026, 12, 1, 22, 0), ReceivedAt = Instant.FromUtc(2026, 12, 1, 22, 0, 5),
        AuthorName = "A, \"Resident\"", AuthorHandle = "@resident", Text = "line one\nline two", State = "Sent", ReplyText = "-1 is not a formula",
        Decisions = [new ExportDecision { CaseId = 42, Id = 7, Seq = 7, At = Instant.FromUtc(2026, 12, 1, 22, 3), ActorName = "Alex Wilber", Action = "approved", FromState = "Notified", ToState = "Scheduled", Detail = "{\"verb\": \"case.approve\"}" }],
    };

    [Fact]
    public void The_csv_has_the_documented_columns_in_order_and_escapes_hostile_cells()
    {
        var csv = RecordsExport.Csv([Case]);
        var lines = csv.Split("\r\n");
        Assert.Equal(string.Join(",", RecordsExport.CsvColumns), lines[0]);
        Assert.Equal(["case_id", "account_id", "external_id", "created_at", "received_at", "author_name"], RecordsExport.CsvColumns.Take(6));
        Assert.Equal("decisions", RecordsExport.CsvColumns[^1]);
        Assert.StartsWith("42,council,p1,2026-12-01T22:00:00Z,2026-12-01T22:00:05Z,\"A, \"\"Resident\"\"\",'@resident", lines[1]);   // a leading @ is a formula to a spreadsheet
        Assert.Contains("'-1 is not a formula", csv);
        Assert.Contains("\"line one\nline two\"", csv);
        Assert.EndsWith("2026-12-01T22:03:00Z Alex Wilber approved Notified->Scheduled\r\n", csv);
    }

    [Fact]
    public void The_json_has_every_column_and_the_decisions_with_their_detail_as_json()
    {
        var doc = JsonNode.Parse(RecordsExport.Json([Case], Instant.FromUtc(2026, 12, 2, 9, 0), new JsonObject { ["from"] = "x" }))!;
        Assert.Equal(RecordsExport.Version, doc["format"]!.GetValue<string>());
        var c = doc["cases"]![0]!.AsObject();
        Assert.Equal(RecordsExport.CsvColumns.Count, c.Count);   // every column but decisions, plus the decisions array
        Assert.Equal("line one\nline two", c["mentionText"]!.GetValue<string>());
        Assert.Equal("-1 is not a formula", c["replyText"]!.GetValue<string>());   // only the CSV guards spreadsheets
        Assert.Equal("case.approve", c["decisions"]![0]!["detail"]!["verb"]!.GetValue<string>());
    }
}

public sealed class RecordsExportDocumentationTests
{
    [Fact]
    public void The_readme_lists_the_csv_columns_in_order()
    {
        var readme = File.ReadAllText(Path.Combine(ResponseBot.Testing.RepoPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("### Records export", StringComparison.Ordinal)..];
        var list = section[section.IndexOf("`case_id`, `account_id`", StringComparison.Ordinal)..section.IndexOf("separated by", StringComparison.Ordinal)];
        var names = System.Text.RegularExpressions.Regex.Matches(list, "`([a-z_]+)`").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(RecordsExport.CsvColumns, names);
    }
}
