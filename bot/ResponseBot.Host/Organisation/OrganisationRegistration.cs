using Microsoft.Extensions.Options;
using ResponseBot.Domain.People;
using ResponseBot.Domain.Rota;

namespace ResponseBot.Host.Organisation;

public static class OrganisationRegistration
{
    /// <summary>The organisation, its rota and its managers, validated at start and offered to the use cases as one <see cref="RotaConfig"/>.</summary>
    public static IServiceCollection AddOrganisation(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<OrganisationOptions>().Bind(config.GetSection(OrganisationOptions.Section))
            .Validate(o => o.IsValid(), "Organisation:TimeZone is not a known IANA time zone.")
            .Validate(_ => !OrganisationOptions.OldKeys(config).Any(), string.Join(" ", OrganisationOptions.OldKeys(config)))
            .ValidateOnStart();
        services.AddOptions<RotaOptions>().Bind(config.GetSection(RotaOptions.Section))
            .Validate(r => !r.Problems().Any(), "Rota configuration is invalid (see `rota who` for the details).").ValidateOnStart();
        services.AddOptions<RolesOptions>().Bind(config.GetSection(RolesOptions.Section));
        services.AddSingleton(sp =>
        {
            var organisation = sp.GetRequiredService<IOptions<OrganisationOptions>>().Value;
            var rota = sp.GetRequiredService<IOptions<RotaOptions>>().Value;
            var roles = sp.GetRequiredService<IOptions<RolesOptions>>().Value;
            // Ids are compared one way everywhere: normalised here, where configuration is bound, and where activities arrive.
            return new RotaConfig(organisation.Zone, organisation.Coverage, rota.Rotations, StaffIds.Normalise(rota.Coordinators), StaffIds.Normalise(roles.Managers))
                { SwapsNeedApproval = rota.SwapsNeedApproval, Officers = StaffIds.Normalise(roles.Officers) };
        });
        return services;
    }
}
