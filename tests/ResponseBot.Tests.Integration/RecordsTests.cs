using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ResponseBot.Application.Records;
using ResponseBot.Cards;
using ResponseBot.Domain.Records;
using ResponseBot.Host.Cli;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// Records and the public's rights, through the real flows and the host's CLI: retention redacts old personal data in
/// batches and keeps the decisions; a subject-access export finds a handle's cases across accounts and an erasure removes
/// them; the FOI export returns cases complete in its documented shape; the decision log's chain verifies after each.
/// </summary>
public sealed class RecordsTests(PostgresFixture pg)
{
    private const string Second = "second";

    private static void TwoAccounts(Dictionary<string, string?> s)
    {
        s[$"Accounts:{Second}:Platform"] = "Generic";
        s[$"Accounts:{Second}:Handle"] = "CouncilSecond";
        s[$"Accounts:{Second}:DisplayName"] = "Second Forum";
        s[$"Accounts:{Second}:WebhookSecret"] = BotHost.Secret;
        s[$"Accounts:{Second}:ReplyUrl"] = s[$"Accounts:{BotHost.AccountId}:ReplyUrl"];
    }

    private static async Task<(int? Exit, string Out, string Err)> CliAsync(Scenario s, params string[] args)
    {
        var settings = BotHost.DefaultSettings(s.Db.ConnectionString, new Uri("http://127.0.0.1:9/"));
        TwoAccounts(settings);
        var (output, errors) = (new StringWriter(), new StringWriter());
        args = [.. args, "--environment", "Development"];   // the test accounts reply over http
        var exit = args[0] == "audit"
            ? await AuditCommand.TryRunAsync(args, output, errors, b => b.Configuration.AddInMemoryCollection(settings))
            : await RecordsCommand.TryRunAsync(args, output, errors, b => b.Configuration.AddInMemoryCollection(settings));
        return (exit, output.ToString(), errors.ToString());
    }

    private static async Task VerifiesAsync(Scenario s)
    {
        var (exit, output, errors) = await CliAsync(s, "audit", "verify");
        Assert.True(exit == 0, errors);
        Assert.StartsWith("OK: ", output);
    }

    private static async Task<long> MentionAsync(Scenario s, string id, string text, string account, string handle, string name)
    {
        var response = await SignedWebhook.PostAsync(s.Bot.Http, SignedWebhook.Mention(id, text, account, handle, name));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var caseId = await SignedWebhook.CaseIdAsync(response);
        await s.CardPostedToAsync(s.Alex, caseId);
        return caseId;
    }

    private static async Task AnswerAsync(Scenario s, long caseId, string reply)
    {
        await s.ClickAsync(s.Alex, CardVerbs.SendEdited, caseId, replyText: reply);
        await Eventually.TrueAsync(async () => await s.StateAsync(caseId) == "Sent", $"case {caseId} sent", diagnostics: () => s.Bot.Logs.Summary());
    }

    private static Task DismissAsync(Scenario s, long caseId) =>
        s.ClickAsync(s.Alex, CardVerbs.Dismiss, caseId, inputs: new JsonObject { [CardVerbs.DismissReasonInputId] = "Answered elsewhere." });

    [Fact]
    public async Task Retention_redacts_old_personal_data_in_batches_keeps_every_decision_and_the_chain_verifies()
    {
        await using var s = await Scenario.StartAsync(pg, settings => settings["Retention:BatchSize"] = "1");
        await s.GoOnCallAsync(s.Alex);
        var old1 = await MentionAsync(s, "r-1", "Jo here: bins missed on Elm Road again", BotHost.AccountId, "jo.bloggs", "Jo Bloggs");
        await AnswerAsync(s, old1, "Hi Jo Bloggs, sorry about that: we've asked the crew to return today.");
        var old2 = await MentionAsync(s, "r-2", "Still no bins", BotHost.AccountId, "jo.bloggs", "Jo Bloggs");
        await DismissAsync(s, old2);
        var openOld = await MentionAsync(s, "r-3", "Any news?", BotHost.AccountId, "jo.bloggs", "Jo Bloggs");
        var recent = await MentionAsync(s, "r-4", "Thanks for the help", BotHost.AccountId, "jo.bloggs", "Jo Bloggs");
        await DismissAsync(s, recent);
        // Three of them were received over a year ago.
        await s.Db.ScalarAsync<int>("update cases set received_at = received_at - interval '400 days' where id = any(@ids); select 1",
            new { ids = new[] { old1, old2, openOld } });
        var approvalsBefore = await s.Db.QueryAsync<string>("select actor_name || ' ' || action || ' ' || coalesce(to_state, '') from decision_log where case_id = any(@ids) order by id",
            new { ids = new[] { old1, old2 } });

        int redacted;
        using (var scope = s.Bot.Services.CreateScope())
            redacted = await scope.ServiceProvider.GetRequiredService<ApplyRetention>().RunAsync(CancellationToken.None);

        var states = string.Join("; ", await s.Db.QueryAsync<string>("select id || ' ' || state || ' ' || coalesce(author_redacted_at::text, '-') || ' ' || (select string_agg(kind || ':' || coalesce(done_at::text, 'pending'), ',') from outbox o where o.case_id = c.id) from cases c order by id"));
        Assert.True(redacted == 4, states);   // two finished old cases, author and content each, one case per batch
        foreach (var id in new[] { old1, old2 })
        {
            var c = (await s.Db.QueryAsync<(string Name, string Handle, string Text, string? Url, string? Reply)>(
                "select author_name, author_handle, text, url, reply_text from cases where id = @id", new { id })).Single();
            Assert.Equal((Redaction.Mask, Redaction.Mask, Redaction.Mask, (string?)null), (c.Name, c.Handle, c.Text, c.Url));
            Assert.Equal(2, await s.Db.CountAsync("decision_log", "case_id = @id and action = 'redacted' and actor_id = 'system'", new { id }));
        }
        Assert.Equal("Hi [redacted], sorry about that: we've asked the crew to return today.",
            await s.Db.ScalarAsync<string>("select reply_text from cases where id = @old1", new { old1 }));
        Assert.Equal(0, await s.Db.CountAsync("decision_log", "case_id = any(@ids) and (text_before ~* 'Jo Bloggs|Elm Road|no bins' or text_after ~* 'Jo Bloggs|Elm Road|no bins')",
            new { ids = new[] { old1, old2 } }));
        Assert.Equal("Hi [redacted], sorry about that: we've asked the crew to return today.", await s.Db.ScalarAsync<string>(
            "select text_after from decision_log where case_id = @old1 and action = 'edited_and_approved'", new { old1 }));
        Assert.Equal(0, await s.Db.CountAsync("outbox", "case_id = any(@ids) and payload is not null and done_at is not null", new { ids = new[] { old1, old2 } }));
        // Who decided what, and when, is all still there.
        var approvalsAfter = await s.Db.QueryAsync<string>("select actor_name || ' ' || action || ' ' || coalesce(to_state, '') from decision_log where case_id = any(@ids) and action <> 'redacted' order by id",
            new { ids = new[] { old1, old2 } });
        Assert.Equal(approvalsBefore, approvalsAfter);
        Assert.Contains("Alex Wilber edited_and_approved Scheduled", approvalsAfter);
        // The open old case and the recent one keep everything.
        Assert.Equal(2, await s.Db.CountAsync("cases", "id = any(@ids) and author_name = 'Jo Bloggs' and author_redacted_at is null", new { ids = new[] { openOld, recent } }));
        await VerifiesAsync(s);

        using (var scope = s.Bot.Services.CreateScope())
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ApplyRetention>().RunAsync(CancellationToken.None));
    }

    [Fact]
    public async Task A_subject_access_request_finds_a_handles_cases_across_two_accounts_and_an_erasure_removes_them()
    {
        await using var s = await Scenario.StartAsync(pg, TwoAccounts);
        await s.GoOnCallAsync(s.Alex);
        var first = await MentionAsync(s, "sar-1", "Pothole on Mill Lane", BotHost.AccountId, "sam.resident", "Sam Resident");
        await AnswerAsync(s, first, "Thanks Sam Resident, reported to highways.");
        var second = await MentionAsync(s, "sar-2", "@CouncilSecond the park gate is broken", Second, "@Sam.Resident", "Sam Resident");
        var someoneElse = await MentionAsync(s, "sar-3", "Library hours?", BotHost.AccountId, "pat.other", "Pat Other");

        var (exit, json, summary) = await CliAsync(s, "records", "person", "--handle", "generic:sam.resident");
        Assert.Equal(0, exit);
        Assert.Contains("2 cases found for generic:sam.resident", summary);
        var export = JsonNode.Parse(json)!;
        Assert.Equal(RecordsExport.Version, export["format"]!.GetValue<string>());
        var cases = export["cases"]!.AsArray();
        Assert.Equal(new[] { first, second }, cases.Select(c => long.Parse(c!["caseId"]!.GetValue<string>())));
        Assert.Equal(new[] { BotHost.AccountId, Second }, cases.Select(c => c!["accountId"]!.GetValue<string>()));
        Assert.Contains(cases[0]!["decisions"]!.AsArray(), d => d!["action"]!.GetValue<string>() == "edited_and_approved" && d["actorName"]!.GetValue<string>() == "Alex Wilber");
        var (_, csv, _) = await CliAsync(s, "records", "person", "--handle", "*:@SAM.RESIDENT", "--format", "csv");
        Assert.Equal(3, Csv.Parse(csv).Count);   // header and two cases

        // The second case is still open: nothing is erased until it is closed.
        (exit, _, var errors) = await CliAsync(s, "records", "erase", "--handle", "generic:sam.resident", "--by", "Ivy Governance", "--reason", "SAR-2026-114");
        Assert.Equal(1, exit);
        Assert.Contains($"Still open: #{second}", errors);
        Assert.Equal(2, await s.Db.CountAsync("cases", "author_name = 'Sam Resident'"));

        await DismissAsync(s, second);
        (exit, var output, errors) = await CliAsync(s, "records", "erase", "--handle", "generic:sam.resident", "--by", "Ivy Governance", "--reason", "Erasure request ER-2026-007");
        Assert.True(exit == 0, errors);
        Assert.StartsWith("Erased 2 cases for generic:sam.resident", output);
        Assert.Equal(0, await s.Db.CountAsync("cases", "author_name ilike '%Sam Resident%' or author_handle ilike '%sam.resident%' or text ilike '%Mill Lane%' or reply_text ilike '%Sam Resident%'"));
        Assert.Equal(0, await s.Db.CountAsync("decision_log", "text_before ilike '%Sam Resident%' or text_after ilike '%Sam Resident%'"));
        Assert.Equal(2, await s.Db.CountAsync("decision_log", "action = 'erased' and actor_name = 'Ivy Governance' and reason = 'Erasure request ER-2026-007' and detail -> 'why' ->> 'requestedBy' = 'Ivy Governance' and detail -> 'data' = '[\"author\", \"content\"]'::jsonb"));
        // Nothing in the log names them any more: not the texts, not the erasure's own details.
        Assert.Equal(0, await s.Db.CountAsync("decision_log", "detail::text ilike '%sam.resident%' or text_before ilike '%Mill Lane%' or text_after ilike '%Mill Lane%'"));
        Assert.Equal(1, await s.Db.CountAsync("cases", "id = @someoneElse and author_name = 'Pat Other' and text = 'Library hours?'", new { someoneElse }));
        (_, json, summary) = await CliAsync(s, "records", "person", "--handle", "generic:sam.resident");
        Assert.Contains("0 cases found", summary);
        Assert.Empty(JsonNode.Parse(json)!["cases"]!.AsArray());
        await VerifiesAsync(s);
    }

    [Fact]
    public async Task A_reply_waiting_out_its_undo_window_is_unfinished_so_its_author_is_not_erased_under_it()
    {
        await using var s = await Scenario.StartAsync(pg, settings => settings["Policy:UndoWindow"] = "00:10:00");
        await s.GoOnCallAsync(s.Alex);
        var caseId = await MentionAsync(s, "u-1", "Is the pool open?", BotHost.AccountId, "kim.resident", "Kim Resident");
        await s.ClickAsync(s.Alex, CardVerbs.SendEdited, caseId, replyText: "Hi Kim Resident, yes until 8pm.");
        Assert.Equal("Scheduled", await s.StateAsync(caseId));

        var (exit, _, errors) = await CliAsync(s, "records", "erase", "--handle", "generic:kim.resident", "--by", "Ivy Governance", "--reason", "ER-1");
        Assert.Equal(1, exit);
        Assert.Contains($"Still open: #{caseId}", errors);
        Assert.Equal("Hi Kim Resident, yes until 8pm.", await s.Db.ScalarAsync<string>("select reply_text from cases where id = @caseId", new { caseId }));

        (exit, _, errors) = await CliAsync(s, "records", "erase", "--handle", "generic:kim.resident", "--by", "Ivy", "--reason", "ER-1", "--acount", "council");
        Assert.Equal(2, exit);
        Assert.Contains("unknown option --acount", errors);
    }

    [Fact]
    public async Task The_records_export_returns_cases_from_the_real_flows_complete_in_csv_and_json()
    {
        await using var s = await Scenario.StartAsync(pg, TwoAccounts);
        await s.GoOnCallAsync(s.Alex);
        var answered = await MentionAsync(s, "foi-1", "=HYPERLINK(\"http://evil.example\") is the tip open, \"today\"?", BotHost.AccountId, "resident42", "A Resident");
        await AnswerAsync(s, answered, "Yes, the tip is open 8:00 to 16:00 today.");
        var dismissed = await MentionAsync(s, "foi-2", "First!", BotHost.AccountId, "resident43", "B Resident");
        await DismissAsync(s, dismissed);
        var elsewhere = await MentionAsync(s, "foi-3", "Other account", Second, "resident44", "C Resident");
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");

        var (exit, json, errors) = await CliAsync(s, "audit", "export", "--from", today, "--to", today, "--format", "json");
        Assert.True(exit == 0, errors);
        var cases = JsonNode.Parse(json)!["cases"]!.AsArray();
        Assert.Equal(new[] { answered, dismissed, elsewhere }, cases.Select(c => long.Parse(c!["caseId"]!.GetValue<string>())));
        var a = cases[0]!;
        Assert.Equal("=HYPERLINK(\"http://evil.example\") is the tip open, \"today\"?", a["mentionText"]!.GetValue<string>());
        Assert.Equal(("resident42", "A Resident", "https://social.example/posts/foi-1"),
            (a["authorHandle"]!.GetValue<string>(), a["authorName"]!.GetValue<string>(), a["mentionUrl"]!.GetValue<string>()));
        Assert.Equal(("Sent", "Yes, the tip is open 8:00 to 16:00 today.", "Alex Wilber"),
            (a["state"]!.GetValue<string>(), a["replyText"]!.GetValue<string>(), a["decidedBy"]!.GetValue<string>()));
        Assert.NotNull(a["publishedAt"]);
        Assert.NotNull(a["platformReplyId"]);
        var actions = a["decisions"]!.AsArray().Select(d => d!["action"]!.GetValue<string>()).ToList();
        Assert.Equal(new[] { "received", "notified", "edited_and_approved", "published" }, actions.Where(x => x is "received" or "notified" or "edited_and_approved" or "published").Distinct());
        Assert.Equal("Answered elsewhere.", cases[1]!["reason"]!.GetValue<string>());
        Assert.Equal(cases.Count, (await CliAsync(s, "audit", "export", "--from", today, "--to", today)).Out.Split("\"caseId\"").Length - 1);

        (exit, var csv, errors) = await CliAsync(s, "audit", "export", "--from", today, "--to", today, "--account", BotHost.AccountId, "--format", "csv");
        Assert.True(exit == 0, errors);
        var rows = Csv.Parse(csv);
        Assert.Equal(RecordsExport.CsvColumns, rows[0]);
        Assert.Equal(3, rows.Count);   // the other account's case is not in it
        var row = rows[0].Zip(rows[1]).ToDictionary(x => x.First, x => x.Second);
        Assert.Equal(answered.ToString(), row["case_id"]);
        // A spreadsheet would run a cell starting with '=': it is written as text.
        Assert.Equal("'=HYPERLINK(\"http://evil.example\") is the tip open, \"today\"?", row["mention_text"]);
        Assert.Equal(("Alex Wilber", "Sent"), (row["decided_by"], row["state"]));
        Assert.Contains("Alex Wilber edited_and_approved", row["decisions"]);
        Assert.Equal(a["publishedAt"]!.GetValue<string>(), row["published_at"]);

        var (bad, _, why) = await CliAsync(s, "audit", "export", "--from", today, "--to", "2020-01-01");
        Assert.Equal(2, bad);
        Assert.Contains("--to must be on or after --from", why);
    }

    [Fact]
    public async Task Managers_get_records_from_Teams_as_download_links_and_can_erase_others_are_refused()
    {
        await using var s = await Scenario.StartAsync(pg, settings =>
        {
            TwoAccounts(settings);
            settings["Roles:Managers:0"] = "aad-megan";
            settings["Downloads:PublicBaseUrl"] = "https://bot.example.test/";
        });
        await s.GoOnCallAsync(s.Alex);
        (await s.SendAsync(s.Megan.Install())).EnsureSuccessStatusCode();
        var first = await MentionAsync(s, "t-1", "Streetlight out on Park Row", BotHost.AccountId, "lee.resident", "Lee Resident");
        await AnswerAsync(s, first, "Thanks Lee Resident, reported.");
        var second = await MentionAsync(s, "t-2", "Still dark", Second, "lee.resident", "Lee Resident");
        await DismissAsync(s, second);

        async Task<string> AnswerToAsync(TeamsUser user, string text, string startsWith)
        {
            (await s.SendAsync(user.Message(text))).EnsureSuccessStatusCode();
            string? answer = null;
            await Eventually.TrueAsync(() => (answer = s.TextsTo(user).LastOrDefault(t => t.StartsWith(startsWith, StringComparison.Ordinal))) is not null,
                $"{user.Name} answered '{startsWith}'", diagnostics: () => s.Bot.Logs.Summary());
            return answer!;
        }
        async Task<string> DownloadAsync(string message)
        {
            var url = System.Text.RegularExpressions.Regex.Match(message, @"https://bot\.example\.test/downloads/\S+").Value;
            var response = await s.Bot.Http.GetAsync(url["https://bot.example.test/".Length..]);
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadAsStringAsync();
        }

        // An officer is not a manager: refused, and nothing is exported.
        await AnswerToAsync(s.Alex, "records person generic:lee.resident", "Records requests (exports and erasures of the public's data) are for managers.");
        Assert.Equal(0, await s.Db.CountAsync("downloads"));

        var link = await AnswerToAsync(s.Megan, "records person generic:@Lee.Resident", "Everything about generic:Lee.Resident: 2 cases.");
        var export = JsonNode.Parse(await DownloadAsync(link))!;
        Assert.Equal(new[] { first, second }, export["cases"]!.AsArray().Select(c => long.Parse(c!["caseId"]!.GetValue<string>())));
        Assert.Equal(1, await s.Db.CountAsync("decision_log", "action = 'exported' and actor_id = 'aad-megan' and detail ->> 'kind' = 'subject access' and (detail ->> 'cases')::int = 2"));
        Assert.Equal(0, await s.Db.CountAsync("decision_log", "detail::text ilike '%lee.resident%'"));

        var today = DateTime.UtcNow.ToString("yyyy-MM-dd");
        link = await AnswerToAsync(s.Megan, $"export {today} {today} {Second}", "Cases received ");
        var rows = Csv.Parse(await DownloadAsync(link));
        Assert.Equal(RecordsExport.CsvColumns, rows[0]);
        Assert.Equal(second.ToString(), Assert.Single(rows.Skip(1))[0]);

        await AnswerToAsync(s.Megan, "records erase generic:lee.resident", "Say why, after the person");
        var erased = await AnswerToAsync(s.Megan, "records erase generic:lee.resident because Erasure request ER-2026-019", "Erased 2 cases for generic:lee.resident");
        Assert.Equal(2, await s.Db.CountAsync("decision_log", "action = 'erased' and actor_id = 'aad-megan' and reason = 'Erasure request ER-2026-019'"));
        Assert.Equal(0, await s.Db.CountAsync("cases", "author_handle ilike '%lee.resident%' or text ilike '%Park Row%'"));
        Assert.Contains("the decisions stay", erased);
        await VerifiesAsync(s);
    }

    /// <summary>RFC 4180 as spreadsheets read it: quoted fields, doubled quotes, CRLF rows.</summary>
    private static class Csv
    {
        public static List<List<string>> Parse(string text)
        {
            var rows = new List<List<string>>();
            var row = new List<string>();
            var field = new System.Text.StringBuilder();
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                var ch = text[i];
                if (quoted)
                {
                    if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                    else if (ch == '"') quoted = false;
                    else field.Append(ch);
                }
                else if (ch == '"') quoted = true;
                else if (ch == ',') { row.Add(field.ToString()); field.Clear(); }
                else if (ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add(row); row = []; i++; }
                else field.Append(ch);
            }
            return rows;
        }
    }
}
