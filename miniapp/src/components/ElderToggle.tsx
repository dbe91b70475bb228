import { Switch, Text, View } from '@tarojs/components';

/** The elderly-mode switch at the top of the resident pages. */
export function ElderToggle({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  return (
    <View className='elder-toggle' id='elder-toggle' onClick={() => onChange(!on)}>
      <Text className='elder-toggle__text'>{on ? '大字模式已开启' : '字太小？开启大字模式'}</Text>
      <Switch id='elder-switch' checked={on} color='#c8161d' onChange={(e) => onChange(e.detail.value)} onClick={(e) => e.stopPropagation()} />
    </View>
  );
}
