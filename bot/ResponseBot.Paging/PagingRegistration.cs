using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ResponseBot.Application.Paging;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Paging;

namespace ResponseBot.Paging;

public static class PagingRegistration
{
    /// <summary>Paging options validated at start, and a sender for each channel configured; none: paging is off.</summary>
    public static IServiceCollection AddPaging(this IServiceCollection services, IConfiguration config, bool development)
    {
        services.AddOptions<PagingOptions>().Bind(config.GetSection(PagingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PagingOptions>>(new PagingValidation(development));
        services.AddSingleton(sp => new PagingSettings(PagingValidation.Channels(sp.GetRequiredService<IOptions<PagingOptions>>().Value)));
        services.AddSingleton<IPageSender, EmailPageSender>();
        services.AddSingleton<IPageSender, SmsPageSender>();
        // No redirects: a 3xx from the gateway is a failure, never a repeat of the form (with the number) somewhere else.
        services.AddHttpClient(SmsPageSender.ClientName, c => c.Timeout = TimeSpan.FromSeconds(20))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddHttpMessageHandler(sp => new TwilioHost(new Uri(sp.GetRequiredService<IOptions<PagingOptions>>().Value.Sms.BaseUrl)));
        return services;
    }
}
