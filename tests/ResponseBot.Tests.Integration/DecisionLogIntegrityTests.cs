using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using ResponseBot.Application.Audit;
using ResponseBot.Application.Cases;
using ResponseBot.Domain.Cases;
using ResponseBot.Store;
using ResponseBot.Cards;
using ResponseBot.Host.Cli;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>
/// The decision log as auditors rely on it: the app's database role cannot change or remove rows or switch off their
/// protection; every row is sealed into a hash chain just after it commits; `audit verify` recomputes the chain independently and names
/// the first row the owner altered or removed; the nightly check tells the managers.
/// </summary>
public sealed class DecisionLogIntegrityTests(PostgresFixture pg)
{
    private static async Task<(int? Exit, string Out, string Err)> AuditAsync(string connectionString, params string[] args)
    {
        var settings = BotHost.DefaultSettings(connectionString, new Uri("http://127.0.0.1:9/"));
        var (output, errors) = (new StringWriter(), new StringWriter());
        var exit = await AuditCommand.TryRunAsync(args, output, errors, b => b.Configuration.AddInMemoryCollection(settings));
        return (exit, output.ToString(), errors.ToString());
    }

    /// <summary>A case through the real flow: mention, card, approval, publication — a handful of log rows.</summary>
    private static async Task<long> AnsweredCaseAsync(Scenario s, string id)
    {
        var caseId = await s.MentionAsync(id, "Is the tip open on Sunday?");
        await s.CardPostedToAsync(s.Alex, caseId);
        await s.ClickAsync(s.Alex, CardVerbs.Approve, caseId, version: 1);
        await Eventually.TrueAsync(async () => await s.StateAsync(caseId) == "Sent", $"case {caseId} sent", diagnostics: () => s.Bot.Logs.Summary());
        return caseId;
    }

    [Fact]
    public async Task The_apps_role_can_only_add_and_read_decision_log_rows()
    {
        var db = new Db(await pg.NewDatabaseAsync());
        await using var app = NpgsqlDataSource.Create(PostgresFixture.AsApp(db.ConnectionString));
        await using (var insert = app.CreateCommand("insert into decision_log (at, actor_id, actor_name, action) values (now(), 'a', 'A', 'test')"))
            await insert.ExecuteNonQueryAsync();

        foreach (var sql in new[]
        {
            "update decision_log set action = 'changed'", "delete from decision_log", "truncate decision_log",
            "alter table decision_log disable trigger decision_log_no_update_or_delete", "alter table decision_log disable trigger all",
            "drop trigger decision_log_insert_unsealed on decision_log", "insert into decision_log (at, actor_id, actor_name, action, seq) values (now(), 'a', 'A', 'forged', 1)",
            "create or replace function decision_log_append_only() returns trigger language plpgsql as $$ begin return new; end $$",
            "insert into audit_checkpoints (checked_at, rows, head_seq) values (now(), 999999, 999999)",
            "update audit_checkpoints set head_seq = null",
        })
        {
            await using var cmd = app.CreateCommand(sql);
            var ex = await Assert.ThrowsAsync<PostgresException>(() => cmd.ExecuteNonQueryAsync());
            Assert.True(ex.SqlState is PostgresErrorCodes.InsufficientPrivilege, $"{sql}: {ex.SqlState} {ex.MessageText}");
        }
        // Sealing is all the app's role may do to a row, and only through the database's own function.
        await using (var seal = app.CreateCommand("select decision_log_seal_pending(100, false)"))
            Assert.Equal(1, (int)(await seal.ExecuteScalarAsync())!);
        Assert.Equal(1, await db.CountAsync("decision_log", "action = 'test' and seq = 1 and row_hash is not null"));
        Assert.Equal(0, await db.CountAsync("decision_log", "action = 'forged'"));
    }

    [Fact]
    public async Task Rows_written_by_the_real_flows_verify_and_a_row_the_owner_altered_is_named()
    {
        string connectionString;
        long caseId;
        await using (var s = await Scenario.StartAsync(pg))
        {
            connectionString = s.Db.ConnectionString;
            await s.GoOnCallAsync(s.Alex);
            caseId = await AnsweredCaseAsync(s, "chain-1");
            await AnsweredCaseAsync(s, "chain-2");
        }
        var db = new Db(connectionString);
        var rows = await db.CountAsync("decision_log");
        Assert.True(rows >= 8, $"only {rows} rows");
        // The stopping host sealed what it had written: every row, in one contiguous chain; the approval recorded the card
        // version it was pressed on.
        Assert.Equal(rows, await db.CountAsync("decision_log", "seq is not null"));
        Assert.Equal(rows, await db.ScalarAsync<long>("select max(seq) from decision_log"));
        Assert.Equal(1, await db.CountAsync("decision_log", "case_id = @caseId and action = 'approved' and card_version = 1", new { caseId }));

        var (exit, output, _) = await AuditAsync(connectionString, "audit", "verify");
        Assert.Equal(0, exit);
        Assert.StartsWith($"OK: {rows} rows verified, head at place {rows} is ", output);

        // The owner can do what the app can't: switch off the protection and rewrite who approved.
        var approval = await db.ScalarAsync<long>("select id from decision_log where case_id = @caseId and action = 'approved'", new { caseId });
        await db.ScalarAsync<int>("""
            alter table decision_log disable trigger decision_log_no_update_or_delete;
            update decision_log set actor_name = 'Someone Else' where id = @approval;
            alter table decision_log enable trigger decision_log_no_update_or_delete;
            select 1
            """, new { approval });
        (exit, _, var errors) = await AuditAsync(connectionString, "audit", "verify");
        Assert.Equal(1, exit);
        Assert.Contains($"BROKEN: row {approval} (place ", errors);
        Assert.Contains("has content that was changed after it was written", errors);
    }

    [Fact]
    public async Task Removed_rows_are_named_whether_from_the_middle_or_the_end_and_the_nightly_check_tells_the_managers()
    {
        await using var s = await Scenario.StartAsync(pg, settings => settings["Roles:Managers:0"] = "aad-megan");
        (await s.SendAsync(s.Megan.Install())).EnsureSuccessStatusCode();
        await s.GoOnCallAsync(s.Alex);
        await AnsweredCaseAsync(s, "gone-1");
        var verify = s.Bot.Services.GetRequiredService<IServiceScopeFactory>();
        async Task NightlyAsync(DateTimeOffset at)
        {
            using var scope = verify.CreateScope();
            await scope.ServiceProvider.GetRequiredService<VerifyDecisionLog>().RunAsync(NodaTime.Instant.FromDateTimeOffset(at), "test", CancellationToken.None);
        }
        await NightlyAsync(DateTimeOffset.UtcNow);
        Assert.Equal(1, await s.Db.CountAsync("audit_checkpoints", "broken_at is null and problem is null and head_seq is not null"));
        var head = await s.Db.ScalarAsync<long>("select max(seq) from decision_log");

        // The last row removed by the owner: no link is broken, but the head the nightly check saw is gone.
        await s.Db.ScalarAsync<int>("""
            alter table decision_log disable trigger decision_log_no_update_or_delete;
            delete from decision_log where seq = (select max(seq) from decision_log);
            alter table decision_log enable trigger decision_log_no_update_or_delete;
            select 1
            """);
        var (exit, _, errors) = await AuditAsync(s.Db.ConnectionString, "audit", "verify");
        Assert.Equal(1, exit);
        Assert.Contains($"the chain ends at place {head - 1}, but {head} rows were there", errors);

        await NightlyAsync(DateTimeOffset.UtcNow.AddDays(1));
        await Eventually.TrueAsync(() => s.TextsTo(s.Megan).Any(t => t.StartsWith("The decision log failed its nightly integrity check")),
            "the manager told", diagnostics: () => s.Bot.Logs.Summary());
        Assert.DoesNotContain(s.TextsTo(s.Alex), t => t.Contains("integrity check"));

        // A row from the middle: the next row no longer links to the one before it.
        var middle = await s.Db.ScalarAsync<long>("select id from decision_log where seq = 3");
        var next = await s.Db.ScalarAsync<long>("select id from decision_log where seq = 4");
        await s.Db.ScalarAsync<int>("""
            alter table decision_log disable trigger decision_log_no_update_or_delete;
            delete from decision_log where id = @middle;
            alter table decision_log enable trigger decision_log_no_update_or_delete;
            select 1
            """, new { middle });
        (exit, _, errors) = await AuditAsync(s.Db.ConnectionString, "audit", "verify");
        Assert.Equal(1, exit);
        Assert.Contains($"BROKEN: row {next} (place 4 in the chain) is at place 4 where 3 was expected", errors);
    }

    [Fact]
    public async Task Concurrent_transactions_from_the_apps_role_make_one_unbroken_chain()
    {
        var db = new Db(await pg.NewDatabaseAsync());
        await using var app = NpgsqlDataSource.Create(PostgresFixture.AsApp(db.ConnectionString));
        await Task.WhenAll(Enumerable.Range(0, 16).Select(async w =>
        {
            for (var i = 0; i < 10; i++)
            {
                await using var conn = await app.OpenConnectionAsync();
                await using var tx = await conn.BeginTransactionAsync();
                for (var j = 0; j < 3; j++)
                {
                    await using var cmd = new NpgsqlCommand("insert into decision_log (at, actor_id, actor_name, action, text_after) values (now(), @a, 'Worker', 'test', @t)", conn, tx);
                    cmd.Parameters.AddWithValue("a", $"w{w}");
                    cmd.Parameters.AddWithValue("t", $"text {w}/{i}/{j} — ✓");
                    await cmd.ExecuteNonQueryAsync();
                }
                await tx.CommitAsync();
            }
        }));
        // Committed side by side, unsealed; `audit verify` seals them (no instance is running here) and walks one chain.
        Assert.Equal(480, await db.CountAsync("decision_log", "seq is null"));
        var (exit, output, errors) = await AuditAsync(db.ConnectionString, "audit", "verify");
        Assert.True(exit == 0, errors);
        Assert.StartsWith("OK: 480 rows verified", output);
        Assert.Equal(480, await db.CountAsync("decision_log", "seq is not null"));
        Assert.Equal(480, await db.ScalarAsync<long>("select max(seq) from decision_log"));
    }

    [Fact]
    public async Task A_role_given_insert_on_the_whole_log_by_mistake_cannot_write_a_place_in_the_chain_even_with_the_sealing_flag_on()
    {
        var db = new Db(await pg.NewDatabaseAsync());
        var caseId = await db.AddCaseAsync();
        var database = new NpgsqlConnectionStringBuilder(db.ConnectionString).Database!;
        // Not the app's role, whose column grants already keep it from naming the chain's columns: one granted too much.
        var role = "responsebot_misgranted_" + Guid.NewGuid().ToString("N")[..8];
        await pg.Cluster.ExecuteAsync($"create role {role} login");
        try
        {
            await pg.Cluster.ExecuteAsync($"grant usage on schema public to {role}; grant select, insert on decision_log, cases to {role}", database);
            await using (var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(db.ConnectionString) { Username = role }.ConnectionString))
            {
                await conn.OpenAsync();
                await using var tx = await conn.BeginTransactionAsync();
                await using var forge = new NpgsqlCommand("""
                    select set_config('responsebot.appending_sealed', 'on', true);
                    insert into decision_log (case_id, at, actor_id, actor_name, action, seq, prev_hash, content_digest, row_hash)
                    values (@caseId, now(), 'aad-x', 'X', 'forged', 1, '\x00', '\x00', '\x01')
                    """, conn, tx);
                forge.Parameters.AddWithValue("caseId", caseId);
                await forge.ExecuteNonQueryAsync();
                await tx.CommitAsync();
            }
            // Kept as a row, unsealed: the sealer gives it its place like any other.
            Assert.Equal(1, await db.CountAsync("decision_log", "action = 'forged' and seq is null and prev_hash is null and content_digest is null and row_hash is null"));
        }
        finally
        {
            await pg.Cluster.ExecuteAsync($"drop owned by {role}", database);
            await pg.Cluster.ExecuteAsync($"drop role {role}");
        }
    }

    [Fact]
    public async Task Notes_of_refused_clicks_are_sealed_as_they_are_written_and_share_one_chain_with_rows_sealed_after()
    {
        var db = new Db(await pg.NewDatabaseAsync());
        var caseId = await db.AddCaseAsync();
        await using var app = NpgsqlDataSource.Create(StoreRegistration.Tuned(PostgresFixture.AsApp(db.ConnectionString)));
        await using var notes = new AttemptNotes(new UnitOfWorkFactory(app), NullLogger<AttemptNotes>.Instance);
        var now = SystemClock.Instance.GetCurrentInstant();
        // Notes with texts and details that must hash exactly as `audit verify` encodes them, written while ordinary rows
        // commit unsealed beside them.
        var written = Enumerable.Range(0, 60).Select(n => notes.WriteAsync(new DecisionEntry(caseId, now.Plus(Duration.FromTicks(n * 17)), $"aad-{n}",
            $"Person {n} — ✓", DecisionActions.Refused, TextAfter: n % 2 == 0 ? $"typed {n} 'quoted' \\ “curly”" : null,
            Detail: $$"""{"verb": "approve", "n": {{n}}, "note": "ü"}""", Reason: "AlreadyHandled", CardVersion: n), CancellationToken.None)).ToList();
        var ordinary = Enumerable.Range(0, 20).Select(async n =>
        {
            await using var cmd = app.CreateCommand("insert into decision_log (case_id, at, actor_id, actor_name, action) values (@c, now(), 'aad-x', 'X', 'test')");
            cmd.Parameters.AddWithValue("c", caseId);
            await cmd.ExecuteNonQueryAsync();
        }).ToList();
        await Task.WhenAll(written.Concat(ordinary));

        // No sealer has run: every note was given its place as it was written (never written unsealed and updated), and the
        // ordinary rows wait for theirs.
        Assert.Equal(60, await db.CountAsync("decision_log", "action = 'refused' and seq is not null and row_hash is not null and content_digest is not null"));
        Assert.Equal(20, await db.CountAsync("decision_log", "action = 'test' and seq is null"));
        Assert.Equal(60L, await db.ScalarAsync<long>("select max(seq) from decision_log"));
        Assert.Equal(60, await db.CountAsync("decision_log", "action = 'refused' and redacted_by is null"));

        // With the chain's lock held elsewhere (a redaction's whole batch can hold it), a note doesn't wait: it is written
        // unsealed, for the sealer.
        await using (var chain = new NpgsqlConnection(db.ConnectionString))
        {
            await chain.OpenAsync();
            await using (var take = new NpgsqlCommand("select pg_advisory_lock(5990511253237573731)", chain)) await take.ExecuteNonQueryAsync();
            await notes.WriteAsync(new DecisionEntry(caseId, now, "aad-late", "Late", DecisionActions.Refused), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(1, await db.CountAsync("decision_log", "actor_id = 'aad-late' and seq is null"));
        }

        // The sealer gives the rest the places after them, and `audit verify` walks one chain through both.
        var (exit, output, errors) = await AuditAsync(db.ConnectionString, "audit", "verify");
        Assert.True(exit == 0, errors);
        Assert.StartsWith("OK: 81 rows verified, head at place 81 is ", output);
        // A note names the case it is about, as any row must.
        var refused = await Assert.ThrowsAsync<PostgresException>(() => notes.WriteAsync(new DecisionEntry(caseId + 1000, now, "aad-1", "P", DecisionActions.Refused), CancellationToken.None));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, refused.SqlState);
    }
}
