namespace ResponseBot.Domain.People;

public enum DutyRole
{
    /// <summary>The officer on call: gets every new mention.</summary>
    Officer,
    /// <summary>The manager on duty: gets approvals and escalations.</summary>
    Manager,
}

public static class DutyRoles
{
    /// <summary>The rota layer an "on call" takeover in this role sits on.</summary>
    public static Rota.Layer Layer(this DutyRole role) => role == DutyRole.Manager ? Rota.Layer.Manager : Rota.Layer.Primary;
}
