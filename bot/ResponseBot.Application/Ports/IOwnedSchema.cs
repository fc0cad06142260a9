namespace ResponseBot.Application.Ports;

/// <summary>
/// Schema that something other than the numbered migrations creates (the scheduler's tables): made by the owner role when
/// <see cref="ProbeTable"/> is missing, before the app's role is granted its privileges.
/// </summary>
public interface IOwnedSchema
{
    string ProbeTable { get; }

    Task ProvisionAsync(string ownerConnectionString, CancellationToken ct);
}
