using NodaTime;
using ResponseBot.Domain.Elections;
using ResponseBot.Host.Cases;

namespace ResponseBot.Tests.Unit;

public sealed class ElectionPeriodTests
{
    private static readonly LocalDate Today = new(2027, 4, 10);
    private static readonly string[] Accounts = ["council", "police"];

    private static ElectionPeriod Period(string name, int fromDay, int toDay, params string[] accounts) =>
        new(1, name, new LocalDate(2027, 4, fromDay), new LocalDate(2027, 4, toDay), accounts);

    [Fact]
    public void A_period_covers_its_accounts_on_every_day_from_its_start_to_its_end_inclusive()
    {
        var all = Period("All", 10, 12);
        Assert.True(all.Covers("anything", new LocalDate(2027, 4, 10)));
        Assert.True(all.Covers("anything", new LocalDate(2027, 4, 12)));
        Assert.False(all.Covers("anything", new LocalDate(2027, 4, 9)));
        Assert.False(all.Covers("anything", new LocalDate(2027, 4, 13)));
        var police = Period("PCC", 1, 30, "police");
        Assert.True(police.Covers("Police", Today));
        Assert.False(police.Covers("council", Today));
    }

    [Fact]
    public void Of_overlapping_periods_the_one_ending_last_covers_and_other_accounts_are_untouched()
    {
        var periods = new[] { Period("Short", 1, 12), Period("Long", 5, 20), Period("Elsewhere", 1, 30, "police") };
        Assert.Equal("Long", ElectionPeriods.Covering(periods, "council", Today)?.Name);
        Assert.Equal("Elsewhere", ElectionPeriods.Covering(periods, "police", new LocalDate(2027, 4, 25))?.Name);
        Assert.Null(ElectionPeriods.Covering(periods, "council", new LocalDate(2027, 4, 25)));
        Assert.Equal(["Short", "Long"], ElectionPeriods.Current(periods.Take(2).Append(Period("Over", 1, 9)), Today).Select(p => p.Name));
    }

    [Theory]
    [InlineData("PCC 2027", "2027-04-10", "2027-05-06", "*", null)]
    [InlineData("PCC 2027", "2027-04-10", "2027-05-06", "police", null)]
    [InlineData("  ", "2027-04-10", "2027-05-06", "*", "Give the period a name.")]
    [InlineData("PCC 2027", "10/04/2027", "2027-05-06", "*", "Give a start date (yyyy-mm-dd).")]
    [InlineData("PCC 2027", "2027-04-10", "", "*", "Give an end date (yyyy-mm-dd).")]
    [InlineData("PCC 2027", "2027-05-06", "2027-04-10", "*", "The end date must be on or after the start date.")]
    [InlineData("PCC 2027", "2027-04-10", "2027-05-06", "fire", "There is no account \"fire\".")]
    [InlineData("PCC 2027", "2027-03-01", "2027-04-09", "*", "That period has already ended.")]
    public void The_form_needs_a_name_real_dates_in_order_and_a_known_account(string name, string from, string to, string scope, string? error)
    {
        var (period, problem) = ElectionPeriods.Parse(new ElectionForm(name, from, to, scope), null, Accounts, Today);
        Assert.Equal(error, problem);
        Assert.Equal(error is null, period is not null);
        if (period is not null) Assert.Equal(scope == ElectionForm.AllAccounts ? [] : [scope], period.Accounts);
    }

    [Fact]
    public void Ending_now_stops_it_today_and_one_not_yet_begun_is_removed()
    {
        Assert.Equal(new LocalDate(2027, 4, 9), ElectionPeriods.EndNow(Period("PCC", 1, 30), Today)?.To);
        Assert.Null(ElectionPeriods.EndNow(Period("PCC", 10, 30), Today));
        Assert.Null(ElectionPeriods.EndNow(Period("Coming", 20, 30), Today));
    }

    [Fact]
    public void Configuration_keeps_the_old_date_pair_as_one_unnamed_period_for_every_account()
    {
        var options = new PolicyOptions
        {
            PreElectionFrom = new DateOnly(2027, 4, 1), PreElectionTo = new DateOnly(2027, 5, 6),
            PreElectionPeriods = [new ElectionPeriodOptions { Name = "PCC 2027", From = new DateOnly(2027, 4, 1), To = new DateOnly(2027, 5, 6), Accounts = ["police"] }],
        };
        Assert.Null(options.PeriodProblem(Accounts));
        var periods = options.ToPolicy().PreElectionPeriods;
        Assert.Equal([("", true, true), ("PCC 2027", false, true)], periods.Select(p => (p.Name, p.AllAccounts, p.Configured)));
        Assert.Equal("it is the pre-election period", periods[0].Reason);
    }

    [Fact]
    public void Configured_periods_are_checked_at_start()
    {
        Assert.Equal("Policy:PreElectionFrom and PreElectionTo go together: set both or neither.",
            new PolicyOptions { PreElectionFrom = new DateOnly(2027, 4, 1) }.PeriodProblem(Accounts));
        Assert.Equal("Policy:PreElectionPeriods:0: Give the period a name.", new PolicyOptions
            { PreElectionPeriods = [new ElectionPeriodOptions { From = new DateOnly(2027, 4, 1), To = new DateOnly(2027, 5, 6) }] }.PeriodProblem(Accounts));
        Assert.Equal("Policy:PreElectionPeriods:0: There is no account \"fire\".", new PolicyOptions
            { PreElectionPeriods = [new ElectionPeriodOptions { Name = "x", From = new DateOnly(2027, 4, 1), To = new DateOnly(2027, 5, 6), Accounts = ["fire"] }] }.PeriodProblem(Accounts));
        Assert.Equal("Policy:PreElectionPeriods:0: The end date must be on or after the start date.", new PolicyOptions
            { PreElectionPeriods = [new ElectionPeriodOptions { Name = "x", From = new DateOnly(2027, 5, 6), To = new DateOnly(2027, 4, 1) }] }.PeriodProblem(Accounts));
    }
}
