using System.Net;
using System.Net.Http.Headers;
using ResponseBot.Domain;
using ResponseBot.Teams.Outbound;

namespace ResponseBot.Tests.Unit;

public sealed class ConnectorClientTests
{
    private static DeliveryException Classify(HttpStatusCode status, string body = "", TimeSpan? retryAfter = null)
    {
        var response = new HttpResponseMessage(status);
        if (retryAfter is { } r) response.Headers.RetryAfter = new RetryConditionHeaderValue(r);
        return ConnectorClient.Classify(response, body);
    }

    [Fact]
    public void Throttling_is_transient_and_keeps_Retry_After()
    {
        var ex = Classify(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(3));
        Assert.Equal((DeliveryFailure.Transient, TimeSpan.FromSeconds(3)), (ex.Failure, ex.RetryAfter));
    }

    [Theory]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public void Documented_retryable_statuses_are_transient(HttpStatusCode status) =>
        Assert.Equal(DeliveryFailure.Transient, Classify(status).Failure);

    [Fact]
    public void A_403_means_this_person_cannot_be_reached_and_keeps_the_error_code()
    {
        var ex = Classify(HttpStatusCode.Forbidden, "{\"error\":{\"code\":\"MessageWritesBlocked\",\"message\":\"blocked\"}}");
        Assert.Equal(DeliveryFailure.Undeliverable, ex.Failure);
        Assert.Equal("connector answered 403 (MessageWritesBlocked)", ex.Message);
    }

    [Theory]
    [InlineData("{\"error\":{\"code\":\"BotNotInConversationRoster\",\"message\":\"x\"}}", DeliveryFailure.Undeliverable)]
    [InlineData("{\"error\":{\"code\":\"ConversationBlockedByUser\",\"message\":\"x\"}}", DeliveryFailure.Undeliverable)]
    [InlineData("{\"error\":{\"code\":\"Forbidden\",\"subCode\":\"MessageWritesBlocked\"}}", DeliveryFailure.Undeliverable)]
    [InlineData("{\"error\":{\"code\":\"BotDisabledByAdmin\",\"message\":\"The tenant admin disabled this bot\"}}", DeliveryFailure.AppRefused)]
    [InlineData("{\"error\":{\"code\":\"Forbidden\",\"message\":\"x\"}}", DeliveryFailure.AppRefused)]
    [InlineData("", DeliveryFailure.AppRefused)]
    public void Only_a_403_that_names_the_person_or_conversation_makes_them_unreachable(string body, DeliveryFailure expected) =>
        Assert.Equal(expected, Classify(HttpStatusCode.Forbidden, body).Failure);

    [Fact]
    public void A_401_after_a_fresh_token_refuses_the_app_not_the_person() =>
        Assert.Equal(DeliveryFailure.AppRefused, Classify(HttpStatusCode.Unauthorized).Failure);

    [Fact]
    public void Other_client_errors_are_permanent() => Assert.Equal(DeliveryFailure.Permanent, Classify(HttpStatusCode.BadRequest).Failure);

    [Theory]
    [InlineData("http://localhost:56150/_connector", true, true)]
    [InlineData("http://127.0.0.1:3000/", true, true)]
    [InlineData("http://localhost:56150/_connector", false, false)]
    [InlineData("https://smba.trafficmanager.net/uk/", false, true)]
    [InlineData("https://smba.trafficmanager.net.evil.example/", false, false)]
    [InlineData("http://smba.trafficmanager.net/uk/", false, false)]
    [InlineData("https://europe.botframework.com/", false, true)]
    public void The_token_only_goes_to_trusted_service_hosts(string url, bool allowLoopback, bool trusted) =>
        Assert.Equal(trusted, new ServiceUrlPolicy(["smba.trafficmanager.net", "*.botframework.com"], allowLoopback).IsTrusted(new Uri(url)));
}

public sealed class BotCloudTests
{
    [Theory]
    [InlineData(ResponseBot.Teams.Auth.BotCloudName.Public, "https://api.botframework.com", "https://login.botframework.com/v1/.well-known/openidconfiguration", "https://login.microsoftonline.com/t1/oauth2/v2.0/token", "https://api.botframework.com/.default", "https://smba.trafficmanager.net/teams/")]
    [InlineData(ResponseBot.Teams.Auth.BotCloudName.GCC, "https://api.botframework.com", "https://login.botframework.com/v1/.well-known/openidconfiguration", "https://login.microsoftonline.com/t1/oauth2/v2.0/token", "https://api.botframework.com/.default", "https://smba.infra.gcc.teams.microsoft.com/teams")]
    [InlineData(ResponseBot.Teams.Auth.BotCloudName.GCCHigh, "https://api.botframework.us", "https://login.botframework.azure.us/v1/.well-known/openidconfiguration", "https://login.microsoftonline.us/t1/oauth2/v2.0/token", "https://api.botframework.us/.default", "https://smba.infra.gov.teams.microsoft.us/teams")]
    [InlineData(ResponseBot.Teams.Auth.BotCloudName.DoD, "https://api.botframework.us", "https://login.botframework.azure.us/v1/.well-known/openidconfiguration", "https://login.microsoftonline.us/t1/oauth2/v2.0/token", "https://api.botframework.us/.default", "https://smba.infra.dod.teams.microsoft.us/teams")]
    public void Each_cloud_has_its_own_issuer_metadata_authority_scope_and_Teams_host(
        ResponseBot.Teams.Auth.BotCloudName name, string issuer, string metadata, string tokenEndpoint, string scope, string serviceUrl)
    {
        var cloud = ResponseBot.Teams.Auth.BotCloud.For(name);
        Assert.Equal((issuer, metadata, tokenEndpoint, scope), (cloud.Issuer, cloud.OpenIdMetadataUrl.ToString(), cloud.TokenEndpoint("t1").ToString(), cloud.Scope));
        var policy = new ServiceUrlPolicy(cloud.TrustedServiceHosts, allowLoopback: false);
        Assert.True(policy.IsTrusted(new Uri(serviceUrl)));
        // A token for one cloud never goes to another cloud's (or anyone else's) host.
        foreach (var other in Enum.GetValues<ResponseBot.Teams.Auth.BotCloudName>().Where(o => o != name && ResponseBot.Teams.Auth.BotCloud.For(o).TrustedServiceHosts[0] != cloud.TrustedServiceHosts[0]))
            Assert.False(policy.IsTrusted(new Uri($"https://{ResponseBot.Teams.Auth.BotCloud.For(other).TrustedServiceHosts[0]}/teams")));
    }
}
