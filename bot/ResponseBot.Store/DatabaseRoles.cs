using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace ResponseBot.Store;

/// <summary>
/// Least privilege in the database. Migrations (and the scheduler's tables) are created by an owner role, given as
/// <c>ConnectionStrings:Owner</c> and used for nothing else; the running app connects as a role that may read and write
/// ordinary tables but may only INSERT (named columns) and SELECT on decision_log — no UPDATE, DELETE, TRUNCATE, ALTER or
/// trigger changes, which only an owner could make — and change a logged text only through the redaction function.
/// Without an owner string the app's role owns everything (one role; a warning at start says what that gives away).
/// </summary>
public sealed partial record DatabaseRoles(string AppConnectionString, string? OwnerConnectionString)
{
    public bool Separate => OwnerConnectionString is not null && AppRole != OwnerRole;

    public string AppRole => new NpgsqlConnectionStringBuilder(AppConnectionString).Username ?? "";

    public string? OwnerRole => OwnerConnectionString is null ? null : new NpgsqlConnectionStringBuilder(OwnerConnectionString).Username;

    /// <summary>The columns the app writes; the chain's columns are the database's to fill.</summary>
    private const string LogColumns = "case_id, at, actor_id, actor_name, action, text_before, text_after, detail, from_state, to_state, reason, card_version";

    /// <summary>Gives the app's role what it needs and nothing more; idempotent, run as the owner after every migration.</summary>
    public async Task GrantAsync(DbConnection owner, CancellationToken ct)
    {
        if (!Separate) return;
        if (!RoleName().IsMatch(AppRole)) throw new InvalidOperationException("The app's database user name must be a plain identifier (letters, digits, _).");
        var app = $"\"{AppRole}\"";
        await owner.ExecuteAsync(new CommandDefinition($"""
            grant usage on schema public to {app};
            grant select, insert, update, delete on all tables in schema public to {app};
            revoke all on decision_log, schema_migrations, audit_checkpoints from {app};
            grant select on decision_log, schema_migrations to {app};
            grant insert ({LogColumns}) on decision_log to {app};
            grant select on audit_checkpoints to {app};
            grant execute on function record_audit_checkpoint(timestamptz, bigint, bigint, text) to {app};
            grant usage, select on all sequences in schema public to {app};
            grant execute on function redact_decision_log(bigint, text[], text[]) to {app};
            grant execute on function decision_log_seal_pending(integer, boolean) to {app};
            grant execute on function decision_log_append_sealed(jsonb) to {app};
            """, cancellationToken: ct));
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex RoleName();
}

