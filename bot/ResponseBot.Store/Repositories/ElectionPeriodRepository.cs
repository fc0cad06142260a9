using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Elections;

namespace ResponseBot.Store.Repositories;

internal sealed class ElectionPeriodRepository(Session s) : IElectionPeriodRepository
{
    // Dates travel as DateOnly (Npgsql's own mapping for date), converted to the domain's LocalDate here only. Settable
    // members, not a constructor: Dapper hands a text[] over as an Array, which no constructor signature matches.
    internal sealed class Row
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public DateOnly StartsOn { get; init; }
        public DateOnly EndsOn { get; init; }
        public string[] Accounts { get; init; } = [];

        public ElectionPeriod ToPeriod() => new(Id, Name, LocalDate.FromDateOnly(StartsOn), LocalDate.FromDateOnly(EndsOn), Accounts);
    }

    private const string Columns = "id as Id, name as Name, starts_on as StartsOn, ends_on as EndsOn, accounts as Accounts";

    /// <summary>Periods not removed that end on or after @today.</summary>
    internal const string CurrentSql = $"""
        select {Columns} from election_periods
         where removed_at is null and ends_on >= @today::date
         order by starts_on, id
        """;

    public async Task<IReadOnlyList<ElectionPeriod>> CurrentAsync(LocalDate today, CancellationToken ct) =>
        (await s.QueryAsync<Row>(CurrentSql, new { today = Day(today) }, ct)).Select(r => r.ToPeriod()).ToList();

    public async Task<ElectionPeriod?> GetForUpdateAsync(long id, CancellationToken ct) =>
        (await s.SingleOrDefaultAsync<Row>($"select {Columns} from election_periods where id = @id and removed_at is null for update", new { id }, ct))?.ToPeriod();

    public async Task<long> InsertAsync(ElectionPeriod p, string createdBy, Instant now, CancellationToken ct) =>
        await s.ScalarAsync<long>("""
            insert into election_periods (name, starts_on, ends_on, accounts, created_by, created_at)
            values (@Name, @From::date, @To::date, @Accounts, @createdBy, @now)
            returning id
            """, new { p.Name, From = Day(p.From), To = Day(p.To), Accounts = p.Accounts.ToArray(), createdBy, now }, ct);

    public Task UpdateAsync(ElectionPeriod p, string changedBy, Instant now, CancellationToken ct) =>
        s.ExecuteAsync("""
            update election_periods set name = @Name, starts_on = @From::date, ends_on = @To::date, accounts = @Accounts,
                   changed_by = @changedBy, changed_at = @now
             where id = @Id
            """, new { p.Id, p.Name, From = Day(p.From), To = Day(p.To), Accounts = p.Accounts.ToArray(), changedBy, now }, ct);

    public Task RemoveAsync(long id, string removedBy, Instant now, CancellationToken ct) =>
        s.ExecuteAsync("update election_periods set removed_at = @now, removed_by = @removedBy where id = @id", new { id, now, removedBy }, ct);

    internal static DateOnly Day(LocalDate d) => d.ToDateOnly();
}
