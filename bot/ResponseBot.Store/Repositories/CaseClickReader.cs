using Dapper;
using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Chat;

namespace ResponseBot.Store.Repositories;

/// <summary>
/// A card click's reads as one batch: the statements are the repositories' own, sent together and answered in order, so
/// what a click sees is exactly what each repository would have read, in one round trip instead of one each.
/// </summary>
internal sealed class CaseClickReader(Session s) : ICaseClickReader
{
    private const string ReadSql = $"""
        {StaffRepository.SaveAddressSql};
        {CaseRepository.GetSql};
        {OverrideRepository.OverlappingSql};
        {DutyRepository.TakeoversSql};
        {TimerRepository.EscalatedToSql};
        {CaseCardRepository.ForCaseSql};
        {CaseRepository.ThreadSql};
        {ElectionPeriodRepository.CurrentSql}
        """;

    private const string RecordAndReadSql = $"{ActivityRepository.FirstTimeSql};\n{ReadSql}";

    // Looked up last: each statement sees what had committed when it began, so an activity not yet handled when the last
    // began wasn't when the case was read either. Looked up first, a first attempt committing between the two would leave
    // its retry deciding on the case as the first attempt left it (and refusing itself, as if it were someone else's).
    private const string ReadAndLookUpSql = $"{ReadSql};\n{ActivityRepository.NotSeenSql}";

    private const string LockSql = $"""
        {CaseRepository.GetForUpdateSql};
        {TimerRepository.EscalatedToSql};
        {CaseCardRepository.ForCaseSql}
        """;

    // Recorded after the lock is granted, in the same round trip: a first attempt holding the case commits its record before
    // this one can insert, so a retry that read the case before that commit is found to be the repeat it is.
    private const string LockAndRecordSql = $"{LockSql};\n{ActivityRepository.FirstTimeSql}";

    public async Task<CaseClickReads> ReadAsync(CaseClickQuery q, Instant now, CancellationToken ct)
    {
        // An activity recorded now is recorded first, so a repeat waits here for the first attempt to end, as it would alone;
        // one only looked up (last) is recorded when the click acts, under the case's lock. The address is saved for a repeat too:
        // it carries the same one, so that is a read.
        var args = new DynamicParameters(StaffRepository.AddressArgs(q.Address, now));
        args.AddDynamicParams(new
        {
            key = q.ActivityKey, caseId = q.CaseId, From = q.RotaRange.Start, To = q.RotaRange.End, limit = q.ThreadLimit,
            today = ElectionPeriodRepository.Day(q.Today),
        });
        var lookUp = q.ActivityKey is not null && !q.RecordActivity;
        await using var results = await s.QueryMultipleAsync(q.ActivityKey is null ? ReadSql : lookUp ? ReadAndLookUpSql : RecordAndReadSql, args, ct);
        var firstTime = q.ActivityKey is null || lookUp || (await results.ReadAsync<bool>()).Any();
        await results.ReadAsync<bool>(); // the address saved
        var c = (await results.ReadSingleOrDefaultAsync<CaseRow>())?.ToRecord();
        var overrides = (await results.ReadAsync<OverrideRepository.Row>()).Select(r => r.ToOverride()).ToList();
        var takeovers = (await results.ReadAsync<DutyRepository.TakeoverRow>()).Select(r => r.ToTakeover()).ToList();
        var escalatedTo = (await results.ReadAsync<string>()).ToHashSet();
        var cards = (await results.ReadAsync<PostedCard>()).ToList();
        var conversation = (await results.ReadAsync<CaseRepository.ThreadRow>()).Select(r => r.ToCase()).ToList();
        var elections = (await results.ReadAsync<ElectionPeriodRepository.Row>()).Select(r => r.ToPeriod()).ToList();
        if (lookUp) firstTime = (await results.ReadAsync<bool>()).Any();
        return new CaseClickReads(firstTime, c, overrides, takeovers, escalatedTo, cards, conversation, elections);
    }

    public async Task<LockedCase> LockAsync(long caseId, string? recordActivity, Instant now, CancellationToken ct)
    {
        await using var results = await s.QueryMultipleAsync(recordActivity is null ? LockSql : LockAndRecordSql,
            new { caseId, key = recordActivity, now }, ct);
        var c = (await results.ReadSingleOrDefaultAsync<CaseRow>())?.ToRecord();
        var escalatedTo = (await results.ReadAsync<string>()).ToHashSet();
        var cards = (await results.ReadAsync<PostedCard>()).ToList();
        var firstTime = recordActivity is null || (await results.ReadAsync<bool>()).Any();
        return new LockedCase(c, escalatedTo, cards, firstTime);
    }
}
