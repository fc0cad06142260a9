using ResponseBot.Cards;
using ResponseBot.Testing;

namespace ResponseBot.Tests.Integration;

/// <summary>A reply is posted where it was configured to go, or not at all.</summary>
public sealed class RedirectTests(PostgresFixture pg) : ScenarioTest(pg)
{
    [Theory]
    [InlineData(302)]
    [InlineData(301)]
    public async Task A_redirecting_receiver_is_a_clear_failure_and_is_never_followed(int status)
    {
        await _s.GoOnCallAsync(_s.Alex);
        var caseId = await _s.MentionAsync($"redirect-{status}", "Is the tip open?");
        await _s.CardPostedToAsync(_s.Alex, caseId);
        _s.Receiver.FailNext(status);
        await _s.ClickAsync(_s.Alex, CardVerbs.Approve, caseId);

        await Eventually.TrueAsync(async () => await _s.StateAsync(caseId) == "Failed", "the case comes back as failed");
        var reason = await _s.Db.ScalarAsync<string>("select failure_reason from cases where id = @caseId", new { caseId });
        Assert.Contains($"redirected ({status})", reason);
        Assert.Equal(0, _s.Receiver.Redirected);
        Assert.Empty(_s.Receiver.Received);
        await Eventually.TrueAsync(() => _s.LatestCard(_s.Alex, caseId).Text().Contains("Posting failed: reply receiver redirected"), "the card says why");
    }
}
