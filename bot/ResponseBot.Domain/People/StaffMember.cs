namespace ResponseBot.Domain.People;

/// <summary>
/// A member of staff as the chat platform authenticated them. <see cref="Id"/> is the stable
/// directory id (Entra aadObjectId in Teams) and is the only thing authorisation looks at.
/// </summary>
public sealed record StaffMember(string Id, string Name);
