/// Placeholder until the workbench issue: keeps the target building.
public enum ReconTUIModule {}
