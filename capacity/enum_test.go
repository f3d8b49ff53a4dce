package capacity

import (
	"testing"

	"github.com/smskit/iso20000/process/processtest"
)

func TestEnumText(t *testing.T) {
	t.Run("Method", func(t *testing.T) {
		processtest.EnumText(t, MethodLinear, MethodHoltWintersAdditive, MethodHoltWintersMultiplicative, MethodETS, MethodDoubleSeasonal, MethodCombined)
	})
	t.Run("Component", func(t *testing.T) {
		processtest.EnumText(t, ComponentNone, ComponentAdditive, ComponentDamped, ComponentMultiplicative)
	})
	t.Run("Param", func(t *testing.T) { processtest.EnumText(t, ParamAlpha, ParamBeta, ParamGamma, ParamPhi, ParamOmega) })
	t.Run("Area", func(t *testing.T) {
		processtest.EnumText(t, AreaAvailability, AreaContinuity, AreaServiceLevel, AreaStatutory, AreaRegulatory,
			AreaContractual, AreaOrganisational, AreaNewService, AreaChangedService, AreaTechnology)
	})
	t.Run("Bound", func(t *testing.T) { processtest.EnumText(t, BoundAtMost, BoundAtLeast) })
	t.Run("ResourceType", func(t *testing.T) { processtest.EnumText(t, ResourceTypes()...) })
	t.Run("EffectKind", func(t *testing.T) {
		processtest.EnumText(t, EffectNewService, EffectChangedService, EffectChange, EffectBusinessEvent, EffectTechnology)
	})
	t.Run("GapPolicy", func(t *testing.T) { processtest.EnumText(t, GapLinear, GapPrevious, GapRefuse) })
	t.Run("Severity", func(t *testing.T) { processtest.EnumText(t, SeverityWarning, SeverityCritical) })
	t.Run("PlanState", func(t *testing.T) { processtest.EnumText(t, (*Plan)(nil).Lifecycle().States()...) })
	t.Run("Item", func(t *testing.T) { processtest.EnumText(t, Items()...) })
}
