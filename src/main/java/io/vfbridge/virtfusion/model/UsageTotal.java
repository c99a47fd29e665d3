package io.vfbridge.virtfusion.model;

import java.math.BigDecimal;

/**
 * A usage total. VirtFusion sends {@code false} for a number when there is no usage: such
 * a field reads as null.
 *
 * @param hours hours used
 * @param value the price in the currency
 * @param tokens the price in tokens (VirtFusion sends a bool or a number)
 */
public record UsageTotal(BigDecimal hours, BigDecimal value, BigDecimal tokens) {
}
