import { Text, View } from '@tarojs/components';

/**
 * The elderly-mode switch at the top of the resident pages: the whole row is the switch
 * (one target at least 60 px high, as the 适老化 guidance asks), drawn rather than a small
 * native switch, and announced as a switch to screen readers.
 */
export function ElderToggle({ on, onChange }: { on: boolean; onChange: (on: boolean) => void }) {
  return (
    <View className='elder-toggle' id='elder-toggle' role='switch' aria-checked={on} aria-label='大字模式' onClick={() => onChange(!on)}>
      <Text className='elder-toggle__text'>{on ? '大字模式已开启' : '字太小？开启大字模式'}</Text>
      <View id='elder-switch' className={`elder-toggle__switch ${on ? 'elder-toggle__switch--on' : ''}`}>
        <View className='elder-toggle__knob' />
      </View>
    </View>
  );
}
