package org.universalim.presence.entity;

/** The kinds of Internet device a user registers (R3). */
public enum DeviceType {
    PC, PDA, CELL_PHONE, PAGER, APPLICATION
}
